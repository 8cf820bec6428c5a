using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace RnnGen;

/// <summary>Keeps gradients from exploding before an optimizer step, which recurrent networks are prone to.</summary>
public static class GradientClipping
{
    /// <summary>Clamps every element of <paramref name="gradients"/> to [−limit, limit], as the classic character-level RNN does with limit 5.</summary>
    public static void ClampElements<T>(Span<T> gradients, T limit) where T : INumber<T>
    {
        OptimizerChecks.Positive(limit, nameof(limit));
        TensorPrimitives.Min(gradients, limit, gradients);
        TensorPrimitives.Max(gradients, -limit, gradients);
    }

    /// <summary>Scales <paramref name="gradients"/> down so that its L2 norm is at most <paramref name="maxNorm"/>.</summary>
    /// <returns>The norm before clipping, for logging.</returns>
    public static T ClipGlobalNorm<T>(Span<T> gradients, T maxNorm) where T : INumber<T>, IRootFunctions<T>
    {
        OptimizerChecks.Positive(maxNorm, nameof(maxNorm));
        T norm = TensorPrimitives.Norm<T>(gradients);
        if (norm > maxNorm)
            TensorPrimitives.Multiply(gradients, maxNorm / norm, gradients);
        return norm;
    }
}
