namespace RnnGen.Generators;

public sealed partial class RecurrentNetworkGenerator
{
    internal sealed partial class Emitter
    {
        private void EmitLstm() => throw new System.NotSupportedException("LSTM cells are not generated yet.");

        private void EmitGru() => throw new System.NotSupportedException("GRU cells are not generated yet.");
    }
}
