using System;
using System.Numerics;

namespace RnnGen;

/// <summary>
/// A recurrent network over a fixed number of steps: the members the generator adds to every annotated class,
/// and that <see cref="ReferenceNetwork{T}"/> implements for shapes chosen at run time.
/// </summary>
/// <remarks>
/// <para>
/// Sequences are step-major: <c>inputs[t * Inputs + i]</c>, <c>outputs[t * Outputs + o]</c>, <c>targets[t * Outputs + o]</c>.
/// A span of the wrong length throws <see cref="ArgumentException"/> naming the expected length. <c>Forward</c>,
/// <c>Backward</c>, <c>Train</c> and <c>ZeroGradients</c> allocate nothing.
/// </para>
/// <para>
/// Threads: one network instance is not safe for concurrent calls (each call uses its workspace); use one instance per
/// thread (<c>Clone()</c>), or the batch API, which uses threads itself.
/// </para>
/// </remarks>
/// <typeparam name="T">The element type: <see cref="Half"/>, <see cref="float"/>, <see cref="double"/> or any number type the shape's activations allow.</typeparam>
public interface IRecurrentNetwork<T> where T : INumber<T>
{
    /// <summary>The network's shape.</summary>
    NetworkShape Shape { get; }

    /// <summary>All weights and biases, flat, in the layout of <see cref="NetworkShape.Layout"/>.</summary>
    Span<T> Parameters { get; }

    /// <summary>dLoss/dParameters in the same layout, accumulated by <see cref="Backward"/>.</summary>
    Span<T> Gradients { get; }

    /// <summary>Runs the sequence from the zero state and writes ŷ for every step.</summary>
    void Forward(ReadOnlySpan<T> inputs, Span<T> outputs);

    /// <summary>Runs the sequence from <paramref name="initialState"/> and writes ŷ for every step and the state after the last step.</summary>
    void Forward(ReadOnlySpan<T> inputs, Span<T> outputs, ReadOnlySpan<T> initialState, Span<T> finalState);

    /// <summary>Returns the loss of the most recent <c>Forward</c> against <paramref name="targets"/> and adds its gradient to <see cref="Gradients"/>.</summary>
    /// <exception cref="InvalidOperationException">No <c>Forward</c> has run yet, or a <c>Step</c> has replaced its activations since.</exception>
    T Backward(ReadOnlySpan<T> targets);

    /// <summary>One step of gradient descent: <c>ZeroGradients(); Forward(inputs, …); loss = Backward(targets); Parameters -= learningRate * Gradients</c>.</summary>
    /// <returns>The loss before the update.</returns>
    T Train(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, T learningRate);

    /// <summary>Sets every element of <see cref="Gradients"/> to zero.</summary>
    void ZeroGradients();

    /// <summary>
    /// The loss of one sequence run from the zero state, as <see cref="Backward"/> would return it, without touching
    /// <see cref="Gradients"/>: a validation loss. It runs in a workspace of its own, so a <c>Forward</c> waiting for its
    /// <c>Backward</c> is not disturbed. Allocates nothing after the first call.
    /// </summary>
    T Evaluate(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets);
}
