namespace RnnGen;

/// <summary>
/// The parameter blocks of one recurrent layer (API.md section 7), as the interchange formats walk them: PyTorch and
/// ONNX both store one weight and bias set per layer.
/// </summary>
/// <param name="Index">The layer's 0-based index k (PyTorch's <c>_l{k}</c>).</param>
/// <param name="InputWeights">W_x of the layer: [In × G·H], In = Inputs for the first layer and Hidden above it.</param>
/// <param name="RecurrentWeights">W_h of the layer: [H × G·H].</param>
/// <param name="InputBias">b_h (Elman), b (LSTM) or b_x (GRU); length 0 without Bias.</param>
/// <param name="RecurrentBias">GRU's b_h; length 0 for the other cells and without Bias.</param>
internal readonly record struct RecurrentLayer(int Index, ParameterBlock InputWeights, ParameterBlock RecurrentWeights,
    ParameterBlock InputBias, ParameterBlock RecurrentBias)
{
    /// <summary>Length of the layer's input vector.</summary>
    public int Inputs => InputWeights.Rows;

    /// <summary>The layers of <paramref name="shape"/>, first (reading x_t) to last (read by the output layer).</summary>
    public static RecurrentLayer[] Of(NetworkShape shape)
    {
        ParameterLayout layout = shape.Layout;
        return [new RecurrentLayer(0, layout.InputWeights, layout.RecurrentWeights, layout.HiddenBias, layout.RecurrentBias)];
    }
}
