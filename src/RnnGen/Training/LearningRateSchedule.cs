using System;
using System.Numerics;

namespace RnnGen;

/// <summary>
/// A learning rate as a function of the optimizer step (0 for the first). <see cref="Apply{T}"/> sets
/// <see cref="IOptimizer{T}.LearningRate"/> before a step and leaves the optimizer's state (momentum, sums, moments)
/// alone. The built-in schedules compose: <c>LearningRateSchedule.Cosine(1e-3, 10_000).WithWarmup(500)</c> warms up
/// over 500 steps and then follows the cosine from its start. Derive from this class for a schedule of your own.
/// </summary>
public abstract class LearningRateSchedule
{
    /// <summary>The learning rate for optimizer step <paramref name="step"/> (0-based): non-negative and finite.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is negative.</exception>
    public abstract double RateAt(long step);

    /// <summary>Sets <paramref name="optimizer"/>'s learning rate to <see cref="RateAt"/>(<paramref name="step"/>), rounded to <typeparamref name="T"/>.</summary>
    /// <returns>The rate set.</returns>
    public T Apply<T>(IOptimizer<T> optimizer, long step) where T : INumber<T>
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        T rate = T.CreateChecked(RateAt(step));
        optimizer.LearningRate = rate;
        return rate;
    }

    /// <summary>This schedule after <paramref name="warmupSteps"/> steps of linear warm-up: step s &lt; w gets RateAt(0) · (s + 1) / w, step s ≥ w gets RateAt(s − w).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="warmupSteps"/> is not positive.</exception>
    public LearningRateSchedule WithWarmup(long warmupSteps)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(warmupSteps);
        return new WarmupSchedule(this, warmupSteps);
    }

    /// <summary>The same rate at every step.</summary>
    public static LearningRateSchedule Constant(double rate) => new ConstantSchedule(CheckRate(rate, nameof(rate)));

    /// <summary>
    /// Step decay, as PyTorch's <c>StepLR</c>: <paramref name="initialRate"/> · <paramref name="factor"/>^⌊s / <paramref name="stepsPerDecay"/>⌋
    /// (with factor 0.5 and 1,000 steps per decay, the rate halves every 1,000 steps).
    /// </summary>
    public static LearningRateSchedule StepDecay(double initialRate, double factor, long stepsPerDecay)
    {
        CheckRate(initialRate, nameof(initialRate));
        if (!(factor > 0 && factor <= 1))
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "The decay factor must be in (0, 1].");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepsPerDecay);
        return new StepDecaySchedule(initialRate, factor, stepsPerDecay);
    }

    /// <summary>
    /// Cosine annealing, as PyTorch's <c>CosineAnnealingLR</c> over one half period: from <paramref name="initialRate"/> at
    /// step 0 to <paramref name="finalRate"/> at step <paramref name="steps"/>, rate = final + (initial − final) · (1 + cos(π s / steps)) / 2,
    /// and <paramref name="finalRate"/> after it.
    /// </summary>
    public static LearningRateSchedule Cosine(double initialRate, long steps, double finalRate = 0)
    {
        CheckRate(initialRate, nameof(initialRate));
        CheckRate(finalRate, nameof(finalRate));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);
        return new CosineSchedule(initialRate, finalRate, steps);
    }

    private static double CheckRate(double rate, string name)
    {
        if (!(rate >= 0 && double.IsFinite(rate)))
            throw new ArgumentOutOfRangeException(name, rate, $"'{name}' must be a non-negative, finite learning rate.");
        return rate;
    }

    private static void CheckStep(long step) => ArgumentOutOfRangeException.ThrowIfNegative(step);

    private sealed class ConstantSchedule(double rate) : LearningRateSchedule
    {
        public override double RateAt(long step)
        {
            CheckStep(step);
            return rate;
        }
    }

    private sealed class StepDecaySchedule(double initialRate, double factor, long stepsPerDecay) : LearningRateSchedule
    {
        public override double RateAt(long step)
        {
            CheckStep(step);
            return initialRate * Math.Pow(factor, step / stepsPerDecay);
        }
    }

    private sealed class CosineSchedule(double initialRate, double finalRate, long steps) : LearningRateSchedule
    {
        public override double RateAt(long step)
        {
            CheckStep(step);
            double progress = Math.Min(step, steps) / (double)steps;
            return finalRate + ((initialRate - finalRate) * (1 + Math.Cos(Math.PI * progress)) / 2);
        }
    }

    private sealed class WarmupSchedule(LearningRateSchedule after, long warmupSteps) : LearningRateSchedule
    {
        public override double RateAt(long step)
        {
            CheckStep(step);
            return step < warmupSteps ? after.RateAt(0) * (step + 1) / warmupSteps : after.RateAt(step - warmupSteps);
        }
    }
}
