// This file is compiled into the runtime library (public) and linked into the generator (internal),
// so the generator reads attribute arguments with exactly the values users write.

namespace RnnGen;

/// <summary>The recurrent cell a network is built from (API.md section 3).</summary>
#if RNNGEN_GENERATOR
internal
#else
public
#endif
enum CellKind
{
    /// <summary>The simple recurrent network: h_t = f(x_t·W_xh + h_{t-1}·W_hh + b_h).</summary>
    Elman = 0,

    /// <summary>Long short-term memory, gates in the order i, f, g, o; the state is h then c.</summary>
    Lstm = 1,

    /// <summary>Gated recurrent unit, gates in the order r, z, n.</summary>
    Gru = 2,
}

/// <summary>An element-wise (or, for <see cref="Softmax"/>, per-step) activation function.</summary>
#if RNNGEN_GENERATOR
internal
#else
public
#endif
enum Activation
{
    /// <summary>σ(a) = 1 / (1 + e^{-a}).</summary>
    Sigmoid = 0,

    /// <summary>tanh(a).</summary>
    Tanh = 1,

    /// <summary>max(a, 0); hidden layer of an Elman network only.</summary>
    Relu = 2,

    /// <summary>a itself.</summary>
    Identity = 3,

    /// <summary>ŷ[o] = e^{z[o]} / Σ_q e^{z[q]}; output layer only.</summary>
    Softmax = 4,
}

/// <summary>The loss a network's <c>Backward</c> returns and differentiates, summed over every step and output.</summary>
#if RNNGEN_GENERATOR
internal
#else
public
#endif
enum LossKind
{
    /// <summary>L = ½ Σ_t Σ_o (ŷ_t[o] − y_t[o])².</summary>
    SquaredError = 0,

    /// <summary>Binary cross-entropy with a sigmoid output, categorical cross-entropy with a softmax output.</summary>
    CrossEntropy = 1,
}

/// <summary>How the loss of a sequence adds up over its steps (API.md section 3 sums them).</summary>
#if RNNGEN_GENERATOR
internal
#else
public
#endif
enum LossReduction
{
    /// <summary>L = Σ_t L_t, the sum over every step, as API.md section 3 writes the losses; the default.</summary>
    Sum = 0,

    /// <summary>
    /// L = (1/Steps) Σ_t L_t, the mean over the steps (each L_t still summed over the outputs): the loss and its
    /// gradient no longer grow with <c>Steps</c>, so a learning rate carries over between sequence lengths.
    /// </summary>
    Mean = 1,
}

/// <summary>How the generator lays out the code over time steps and matrix rows.</summary>
#if RNNGEN_GENERATOR
internal
#else
public
#endif
enum Unroll
{
    /// <summary>The generator chooses: <see cref="Full"/> for small shapes, <see cref="None"/> for large ones.</summary>
    Auto = 0,

    /// <summary>Every time step and every row multiply-add is written out with constant offsets.</summary>
    Full = 1,

    /// <summary>Loops over time steps and matrix rows.</summary>
    None = 2,
}
