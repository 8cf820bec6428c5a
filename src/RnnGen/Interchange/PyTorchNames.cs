using System;

namespace RnnGen;

/// <summary>
/// The names a PyTorch module gives the recurrent and the output layer in its <c>state_dict</c>: a model with
/// <c>self.rnn = nn.LSTM(...)</c> and <c>self.fc = nn.Linear(...)</c> stores <c>rnn.weight_ih_l0</c>, …, <c>fc.weight</c>.
/// A nested module is a dotted path (<c>"encoder.rnn"</c>); an empty prefix names a bare module's tensors
/// (<c>weight_ih_l0</c>, as in <c>nn.LSTM(...).state_dict()</c>).
/// </summary>
/// <param name="Rnn">The attribute path of the <c>nn.RNN</c>, <c>nn.LSTM</c> or <c>nn.GRU</c>; <c>"rnn"</c> by default.</param>
/// <param name="Linear">The attribute path of the output <c>nn.Linear</c>; <c>"fc"</c> by default.</param>
public sealed record PyTorchNames(string Rnn = "rnn", string Linear = "fc")
{
    /// <summary>The default names: <c>rnn</c> and <c>fc</c>.</summary>
    public static PyTorchNames Default { get; } = new();

    /// <summary><c>{Rnn}.weight_ih_l{layer}</c>: [G·H × In], the transpose of W_x of that layer.</summary>
    public string WeightIh(int layer) => Join(Rnn, $"weight_ih_l{CheckLayer(layer)}");

    /// <summary><c>{Rnn}.weight_hh_l{layer}</c>: [G·H × H], the transpose of W_h of that layer.</summary>
    public string WeightHh(int layer) => Join(Rnn, $"weight_hh_l{CheckLayer(layer)}");

    /// <summary><c>{Rnn}.bias_ih_l{layer}</c>: [G·H].</summary>
    public string BiasIh(int layer) => Join(Rnn, $"bias_ih_l{CheckLayer(layer)}");

    /// <summary><c>{Rnn}.bias_hh_l{layer}</c>: [G·H].</summary>
    public string BiasHh(int layer) => Join(Rnn, $"bias_hh_l{CheckLayer(layer)}");

    /// <summary><c>{Linear}.weight</c>: [Outputs × H], the transpose of W_hy.</summary>
    public string LinearWeight => Join(Linear, "weight");

    /// <summary><c>{Linear}.bias</c>: [Outputs], b_y.</summary>
    public string LinearBias => Join(Linear, "bias");

    private static string Join(string module, string parameter)
    {
        ArgumentNullException.ThrowIfNull(module);
        return module.Length == 0 ? parameter : $"{module}.{parameter}";
    }

    private static int CheckLayer(int layer)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(layer);
        return layer;
    }
}
