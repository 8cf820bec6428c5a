using System;

namespace RnnGen;

/// <summary>
/// Asks the RnnGen source generator to turn the annotated <c>partial class Name&lt;T&gt;</c> into a complete
/// recurrent network of this shape: forward pass, backpropagation through time and training, with no
/// allocation per call. See API.md for the generated members and the equations.
/// </summary>
/// <example>
/// <code>
/// [RecurrentNetwork(inputs: 2, hidden: 16, outputs: 1, steps: 8)]
/// public partial class BinaryAdder&lt;T&gt; where T : unmanaged, IFloatingPointIeee754&lt;T&gt;;
/// </code>
/// </example>
/// <param name="inputs">Length of the input vector x_t at each step.</param>
/// <param name="hidden">Number of hidden units H.</param>
/// <param name="outputs">Length of the output vector ŷ_t at each step.</param>
/// <param name="steps">Number of time steps in a sequence.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class RecurrentNetworkAttribute(int inputs, int hidden, int outputs, int steps) : Attribute
{
    /// <summary>Length of the input vector at each step.</summary>
    public int Inputs { get; } = inputs;

    /// <summary>Number of hidden units.</summary>
    public int Hidden { get; } = hidden;

    /// <summary>Length of the output vector at each step.</summary>
    public int Outputs { get; } = outputs;

    /// <summary>Number of time steps in a sequence.</summary>
    public int Steps { get; } = steps;

    /// <summary>The recurrent cell; <see cref="CellKind.Elman"/> by default.</summary>
    public CellKind Cell { get; set; } = CellKind.Elman;

    /// <summary>Activation of an Elman hidden layer: Sigmoid (default), Tanh, Relu or Identity.</summary>
    public Activation HiddenActivation { get; set; } = Activation.Sigmoid;

    /// <summary>Activation of the output layer: Sigmoid (default), Tanh, Identity or Softmax.</summary>
    public Activation OutputActivation { get; set; } = Activation.Sigmoid;

    /// <summary>The loss <c>Backward</c> returns; <see cref="LossKind.SquaredError"/> by default.</summary>
    public LossKind Loss { get; set; } = LossKind.SquaredError;

    /// <summary>How the loss adds up over the steps: <see cref="RnnGen.LossReduction.Sum"/> (default) or <see cref="RnnGen.LossReduction.Mean"/>.</summary>
    public LossReduction LossReduction { get; set; } = LossReduction.Sum;

    /// <summary>Adds the bias vectors of API.md section 4; false by default.</summary>
    public bool Bias { get; set; }

    /// <summary>
    /// Number of stacked recurrent layers of <see cref="Cell"/>, each with <see cref="Hidden"/> units; 1 by default. Layer 1
    /// reads the inputs, every layer above reads h_t of the layer below, and the output layer reads the last layer's h_t
    /// (API.md section 7).
    /// </summary>
    public int Layers { get; set; } = 1;

    /// <summary>Code layout; <see cref="RnnGen.Unroll.Auto"/> by default.</summary>
    public Unroll Unroll { get; set; } = Unroll.Auto;
}
