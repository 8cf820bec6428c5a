using System;
using System.Numerics;

namespace RnnGen;

/// <summary>
/// Token input and single-step generation, for language models and other networks whose inputs are one-hot: a token
/// k stands for the input vector with 1 at position k and 0 elsewhere, and the generated code adds row k of the input
/// weights instead of multiplying by the whole matrix. Every generated network and <see cref="ReferenceNetwork{T}"/>
/// implement it.
/// </summary>
public interface ITokenNetwork<T> : IRecurrentNetwork<T> where T : INumber<T>
{
    /// <summary>Runs a sequence of <c>Steps</c> tokens (each in [0, Inputs)) from the zero state and writes ŷ for every step.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A token is outside [0, Inputs).</exception>
    void Forward(ReadOnlySpan<int> tokens, Span<T> outputs);

    /// <summary>Runs a sequence of tokens from <paramref name="initialState"/> and writes ŷ and the final state.</summary>
    void Forward(ReadOnlySpan<int> tokens, Span<T> outputs, ReadOnlySpan<T> initialState, Span<T> finalState);

    /// <summary>Like <see cref="IRecurrentNetwork{T}.Backward"/> with one-hot targets: one target token per step, each in [0, Outputs).</summary>
    T Backward(ReadOnlySpan<int> targetTokens);

    /// <summary>One step of gradient descent on a token sequence and its target tokens.</summary>
    T Train(ReadOnlySpan<int> tokens, ReadOnlySpan<int> targetTokens, T learningRate);

    /// <summary>Like <see cref="IRecurrentNetwork{T}.Evaluate"/> for a token sequence and its target tokens: the loss from the zero state, no gradient.</summary>
    T Evaluate(ReadOnlySpan<int> tokens, ReadOnlySpan<int> targetTokens);

    /// <summary>
    /// Advances <paramref name="state"/> (length StateSize) by one step on <paramref name="input"/> (length Inputs) and
    /// writes that step's ŷ (length Outputs).
    /// </summary>
    /// <remarks>
    /// <c>Step</c> runs in the workspace where <c>Forward</c> keeps the activations <c>Backward</c> needs, and replaces
    /// them: a <c>Backward</c> after a <c>Step</c> throws <see cref="InvalidOperationException"/> until the next
    /// <c>Forward</c>. Sample between training steps (after <c>Backward</c>), or from a <c>Clone()</c>.
    /// </remarks>
    void Step(ReadOnlySpan<T> input, Span<T> state, Span<T> outputs);

    /// <summary>Like <see cref="Step(ReadOnlySpan{T}, Span{T}, Span{T})"/> with a one-hot input.</summary>
    void Step(int token, Span<T> state, Span<T> outputs);
}
