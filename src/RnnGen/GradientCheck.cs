using System;
using System.Numerics;

namespace RnnGen;

/// <summary>What <see cref="GradientCheck"/> found: the analytic and numeric gradients and how far apart they are.</summary>
/// <param name="Analytic">The network's <c>Gradients</c> after one Forward and Backward from zero gradients.</param>
/// <param name="Numeric">Central finite differences (L(θ + h) − L(θ − h)) / 2h of the loss, per parameter.</param>
/// <param name="MaxAbsoluteError">Largest |analytic − numeric|.</param>
/// <param name="MaxRelativeError">
/// Largest |analytic − numeric| / max(|analytic|, |numeric|, 10⁻³·max|numeric|): relative per parameter, with a floor
/// so that parameters whose gradient is nearly zero are judged against the size of the gradient as a whole.
/// </param>
/// <param name="WorstParameter">Index of the parameter with the largest relative error.</param>
public sealed record GradientCheckResult(double[] Analytic, double[] Numeric, double MaxAbsoluteError, double MaxRelativeError, int WorstParameter);

/// <summary>Compares a network's <c>Gradients</c> with central finite differences of its loss.</summary>
public static class GradientCheck
{
    /// <summary>Checks the gradient of the loss of a sequence run from the zero state.</summary>
    /// <param name="network">The network; its parameters and gradients are the same afterwards as before.</param>
    /// <param name="inputs">Input sequence, Steps × Inputs.</param>
    /// <param name="targets">Target sequence, Steps × Outputs.</param>
    /// <param name="step">The finite-difference step h; about 1e-5 suits double, 1e-2 float.</param>
    public static GradientCheckResult Run<T>(IRecurrentNetwork<T> network, ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, double step)
        where T : INumber<T> =>
        Run(network, inputs, targets, ReadOnlySpan<T>.Empty, step);

    /// <summary>Checks the gradient of the loss of a sequence run from <paramref name="initialState"/> (empty: the zero state).</summary>
    public static GradientCheckResult Run<T>(IRecurrentNetwork<T> network, ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets,
        ReadOnlySpan<T> initialState, double step)
        where T : INumber<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        if (!(step > 0))
            throw new ArgumentOutOfRangeException(nameof(step), step, "The finite-difference step must be positive.");
        NetworkShape shape = network.Shape;
        var outputs = new T[shape.Steps * shape.Outputs];
        var finalState = new T[shape.StateSize];
        T[] savedGradients = network.Gradients.ToArray();
        Span<T> parameters = network.Parameters;

        T Loss(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, ReadOnlySpan<T> initialState)
        {
            if (initialState.IsEmpty)
                network.Forward(inputs, outputs);
            else
                network.Forward(inputs, outputs, initialState, finalState);
            return network.Backward(targets);
        }

        network.ZeroGradients();
        Loss(inputs, targets, initialState);
        double[] analytic = ToDoubles(network.Gradients);

        var numeric = new double[parameters.Length];
        T h = T.CreateChecked(step);
        for (int p = 0; p < parameters.Length; p++)
        {
            T original = parameters[p];
            T up = original + h, down = original - h;
            parameters[p] = up;
            T lossUp = Loss(inputs, targets, initialState);
            parameters[p] = down;
            T lossDown = Loss(inputs, targets, initialState);
            parameters[p] = original;
            // Subtract in T, which may be more precise than double (decimal), and divide by the step actually
            // taken: in float or Half, up − down is not exactly 2h.
            numeric[p] = double.CreateChecked(lossUp - lossDown) / double.CreateChecked(up - down);
        }

        savedGradients.CopyTo(network.Gradients);
        return Compare(analytic, numeric);
    }

    /// <summary>Error measures between an analytic and a numeric gradient, as described on <see cref="GradientCheckResult"/>.</summary>
    public static GradientCheckResult Compare(double[] analytic, double[] numeric)
    {
        ArgumentNullException.ThrowIfNull(analytic);
        ArgumentNullException.ThrowIfNull(numeric);
        if (analytic.Length != numeric.Length)
            throw new ArgumentException($"'{nameof(numeric)}' has length {numeric.Length}; expected {analytic.Length}.", nameof(numeric));
        double scale = 0;
        foreach (double value in numeric)
            scale = Math.Max(scale, Math.Abs(value));
        double floor = Math.Max(1e-3 * scale, double.Epsilon);
        double maxAbsolute = 0, maxRelative = 0;
        int worst = 0;
        for (int p = 0; p < analytic.Length; p++)
        {
            double difference = Math.Abs(analytic[p] - numeric[p]);
            double relative = difference / Math.Max(Math.Max(Math.Abs(analytic[p]), Math.Abs(numeric[p])), floor);
            if (double.IsNaN(difference))
                relative = difference = double.PositiveInfinity;
            maxAbsolute = Math.Max(maxAbsolute, difference);
            if (relative > maxRelative)
            {
                maxRelative = relative;
                worst = p;
            }
        }
        return new GradientCheckResult(analytic, numeric, maxAbsolute, maxRelative, worst);
    }

    private static double[] ToDoubles<T>(ReadOnlySpan<T> values) where T : INumber<T>
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
            result[i] = double.CreateChecked(values[i]);
        return result;
    }
}
