using System.ComponentModel;
using System.Numerics;
using System.Runtime.Intrinsics;

namespace RnnGen;

/// <summary>
/// An element-wise activation f with its derivative, in a scalar form for every <typeparamref name="T"/> and vector
/// forms for the hardware types (<see cref="float"/>, <see cref="double"/>). Generated code, the kernels and
/// <see cref="ReferenceNetwork{T}"/> all call these, so every implementation computes the same function.
/// </summary>
/// <remarks>Vector forms are only called when <typeparamref name="T"/> is float or double.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IActivationOperator<T> where T : INumber<T>
{
    /// <summary>The activation kind this operator computes.</summary>
    static abstract Activation Kind { get; }

    /// <summary>f(x).</summary>
    static abstract T Invoke(T x);

    /// <summary>f'(a) written in terms of the output y = f(a), which is what backpropagation has at hand.</summary>
    static abstract T DerivativeFromOutput(T y);

    /// <summary>f(x) on each lane.</summary>
    static abstract Vector128<T> Invoke(Vector128<T> x);

    /// <summary>f(x) on each lane.</summary>
    static abstract Vector256<T> Invoke(Vector256<T> x);

    /// <summary>f(x) on each lane.</summary>
    static abstract Vector512<T> Invoke(Vector512<T> x);

    /// <summary>f'(a) from y = f(a), on each lane.</summary>
    static abstract Vector128<T> DerivativeFromOutput(Vector128<T> y);

    /// <summary>f'(a) from y = f(a), on each lane.</summary>
    static abstract Vector256<T> DerivativeFromOutput(Vector256<T> y);

    /// <summary>f'(a) from y = f(a), on each lane.</summary>
    static abstract Vector512<T> DerivativeFromOutput(Vector512<T> y);
}
