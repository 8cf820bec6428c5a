using System;
using System.Numerics;

namespace RnnGen;

/// <summary>
/// Many sequences per call, on every core (API.md section 6). Every generated network and <see cref="ReferenceNetwork{T}"/>
/// implement it.
/// </summary>
/// <remarks>
/// The batch size B is the number of whole sequences in the input span (<c>inputs.Length / (Steps * Inputs)</c>; tokens:
/// <c>tokens.Length / Steps</c>; <c>StepBatch</c>: <c>inputs.Length / Inputs</c> or <c>tokens.Length</c>); zero or a
/// remainder is an <see cref="ArgumentException"/>, and every other span must hold exactly B sequences (or B states).
/// Layout is sequence-major: sequence b occupies <c>[b * Steps * Inputs, (b + 1) * Steps * Inputs)</c> in the layout of
/// <see cref="IRecurrentNetwork{T}"/>; likewise outputs, targets and states (<c>B * StateSize</c>). Results are bitwise
/// identical for every <see cref="MaxDegreeOfParallelism"/> and on every run, and after the first call with the largest
/// B, batch calls allocate nothing.
/// </remarks>
public interface IBatchNetwork<T> : ITokenNetwork<T> where T : INumber<T>
{
    /// <summary>Threads a batch call may use; <see cref="Environment.ProcessorCount"/> by default; 1 runs on the calling thread only.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    int MaxDegreeOfParallelism { get; set; }

    /// <summary>Runs B sequences from the zero state and writes ŷ for every step of each.</summary>
    void ForwardBatch(ReadOnlySpan<T> inputs, Span<T> outputs);

    /// <summary>Runs B sequences from their initial states (B × StateSize) and writes ŷ and the final states.</summary>
    void ForwardBatch(ReadOnlySpan<T> inputs, Span<T> outputs, ReadOnlySpan<T> initialStates, Span<T> finalStates);

    /// <summary>Runs B token sequences (B × Steps tokens) from the zero state.</summary>
    void ForwardBatch(ReadOnlySpan<int> tokens, Span<T> outputs);

    /// <summary>Runs B token sequences from their initial states and writes ŷ and the final states.</summary>
    void ForwardBatch(ReadOnlySpan<int> tokens, Span<T> outputs, ReadOnlySpan<T> initialStates, Span<T> finalStates);

    /// <summary>
    /// Returns the mean loss over the batch of the most recent <c>ForwardBatch</c> and ADDS the gradient of that mean,
    /// (1/B) Σ_b of what <c>Backward</c> adds for sequence b, to <see cref="IRecurrentNetwork{T}.Gradients"/>.
    /// </summary>
    /// <exception cref="ArgumentException">B differs from the last <c>ForwardBatch</c>'s.</exception>
    /// <exception cref="InvalidOperationException">No <c>ForwardBatch</c> has run, or a later call replaced its activations.</exception>
    T BackwardBatch(ReadOnlySpan<T> targets);

    /// <summary>Like <see cref="BackwardBatch(ReadOnlySpan{T})"/> with one target token per step of each sequence.</summary>
    T BackwardBatch(ReadOnlySpan<int> targetTokens);

    /// <summary>
    /// One step of gradient descent on the mean loss of a batch: <c>ZeroGradients(); ForwardBatch(…); loss = BackwardBatch(…);
    /// Parameters -= learningRate * Gradients</c>.
    /// </summary>
    /// <returns>The mean loss before the update.</returns>
    T TrainBatch(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, T learningRate);

    /// <summary>Like <see cref="TrainBatch(ReadOnlySpan{T}, ReadOnlySpan{T}, T)"/> on token sequences and target tokens.</summary>
    T TrainBatch(ReadOnlySpan<int> tokens, ReadOnlySpan<int> targetTokens, T learningRate);

    /// <summary>
    /// One step for each of B sequences: advances <paramref name="states"/> (B × StateSize) on <paramref name="inputs"/>
    /// (B × Inputs) and writes each step's ŷ (B × Outputs). Replaces the saved activations, like <c>Step</c>.
    /// </summary>
    void StepBatch(ReadOnlySpan<T> inputs, Span<T> states, Span<T> outputs);

    /// <summary>Like <see cref="StepBatch(ReadOnlySpan{T}, Span{T}, Span{T})"/> with one input token per sequence.</summary>
    void StepBatch(ReadOnlySpan<int> tokens, Span<T> states, Span<T> outputs);
}
