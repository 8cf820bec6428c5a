using System.Collections.Generic;

namespace RnnGen.Generators;

public sealed partial class RecurrentNetworkGenerator
{
    internal sealed partial class Emitter
    {
        private static readonly string[] LstmGates = { "i", "f", "g", "o" };
        private static readonly string[] GruGates = { "r", "z", "n" };

        // ---- Shared by LSTM and GRU. ----

        /// <summary>Unrolled: the input projection row of one gate, computed before the recurrence.</summary>
        private (string Row, string Comment) ProjectionRow(int step, int gate, string gateName) =>
            (Load("w", "InputProjectionSequence", ((step - 1) * spec.GateWidth) + (gate * spec.Hidden)), $"x_{StepText(step)}·W_x[:, {gateName}]{(spec.Bias ? $" + {(spec.Cell == CellKind.Gru ? "b_x" : "b")}[{gateName}]" : "")}");

        // ---- LSTM ----

        private void EmitLstm() => EmitCell(EmitLstmForwardStep, EmitLstmBackwardStep, EmitLstmLooped);

        private void EmitLstmForwardStep(int step, bool fromZeroState)
        {
            int gateOffset = (step - 1) * spec.GateWidth;
            writer.Line($"/// <summary>Step {StepText(step)} of {spec.Steps}{(fromZeroState ? " from the zero state" : "")}: gates i, f, o = σ(…), g = tanh(…), c_{StepText(step)} = f ⊙ c_{StepText(step - 1)} + i ⊙ g, h_{StepText(step)} = o ⊙ tanh(c_{StepText(step)}).</summary>");
            using (writer.Block($"{StepVisibility(step, fromZeroState)} static void {StepMethodName("ForwardStep", step, fromZeroState)}<TChunk>(ref {t} p, ref {t} w{StepParameter}) {ChunkConstraint}"))
            {
                using (ChunkLoop("Hidden"))
                {
                    Activation[] activations = { Activation.Sigmoid, Activation.Sigmoid, Activation.Tanh, Activation.Sigmoid };
                    string[] names = { "input", "forget", "candidate", "output" };
                    for (int q = 0; q < 4; q++)
                    {
                        string gate = LstmGates[q];
                        writer.Line($"// {gate} = {(q == 2 ? "tanh" : "σ")}(x_{StepText(step)}·W_x[:, {gate}]{(spec.Bias ? $" + b[{gate}]" : "")}{(fromZeroState ? "" : $" + h_{StepText(step - 1)}·W_h[:, {gate}]")})");
                        List<RowTerm> terms = fromZeroState ? new List<RowTerm>() : RecurrentTerms(step, q * spec.Hidden, "W_h");
                        string sum = ChunkSum(gate, new[] { ProjectionRow(step, q, gate) }, terms);
                        writer.Line($"TChunk {names[q]} = TChunk.Activate<{ActivationOperator(activations[q])}>({sum});");
                        writer.Line($"TChunk.Store({names[q]}, ref w, {Offset("GateSequence", gateOffset + (q * spec.Hidden))} + j);");
                    }
                    writer.Line($"TChunk cell = TChunk.MultiplyAdd(forget, TChunk.Load(ref w, {Offset("StateSequence", ((step - 1) * spec.LayerStateSize) + spec.Hidden)} + j), input * candidate);{CommentPad}// c_{StepText(step)} = f ⊙ c_{StepText(step - 1)} + i ⊙ g");
                    writer.Line($"TChunk squashed = TChunk.Activate<{ActivationOperator(Activation.Tanh)}>(cell);");
                    writer.Line($"TChunk.Store(cell, ref w, {Offset("StateSequence", (step * spec.LayerStateSize) + spec.Hidden)} + j);");
                    writer.Line($"TChunk.Store(squashed, ref w, {Offset("CellTanhSequence", (step - 1) * spec.Hidden)} + j);");
                    writer.Line($"TChunk.Store(output * squashed, ref w, {Offset("StateSequence", step * spec.LayerStateSize)} + j);{CommentPad}// h_{StepText(step)} = o ⊙ tanh(c_{StepText(step)})");
                }
            }
            writer.Line();
        }

        private void EmitLstmBackwardStep(int step)
        {
            bool last = !stepInLoop && step == spec.Steps;
            int gateOffset = (step - 1) * spec.GateWidth;
            writer.Line($"/// <summary>Step {StepText(step)} of {spec.Steps}, backwards: dh_{StepText(step)} = {FromAbove(step)}{(last ? "" : $" + W_h·d_{StepText(step + 1)}")}, dc_{StepText(step)} = dh ⊙ o ⊙ (1 − tanh²c_{StepText(step)}){(last ? "" : $" + dc_{StepText(step + 1)} ⊙ f_{StepText(step + 1)}")}, and the gate gradients d_{StepText(step)}.</summary>");
            using (writer.Block($"private static void {StepMethodName("BackwardStep", step)}<TChunk>(ref {t} p, ref {t} w{StepParameter}) {ChunkConstraint}"))
            {
                using (ChunkLoop("Hidden"))
                {
                    string sum = ChunkSum("dh", HiddenGradientRows(step), HiddenGradientTerms(step, "PreActivationGradientSequence", "d", "W_h"));
                    writer.Line($"TChunk hiddenGradient = {sum};");
                    string[] names = { "input", "forget", "candidate", "output" };
                    for (int q = 0; q < 4; q++)
                        writer.Line($"TChunk {names[q]} = TChunk.Load(ref w, {Offset("GateSequence", gateOffset + (q * spec.Hidden))} + j);");
                    writer.Line($"TChunk squashed = TChunk.Load(ref w, {Offset("CellTanhSequence", (step - 1) * spec.Hidden)} + j);");
                    writer.Line($"TChunk cellGradient = hiddenGradient * output * TChunk.DerivativeFromOutput<{ActivationOperator(Activation.Tanh)}>(squashed);");
                    if (!last)
                        writer.Line($"cellGradient = TChunk.MultiplyAdd(TChunk.Load(ref w, {Offset("CellGradientSequence", step * spec.Hidden)} + j), TChunk.Load(ref w, {Offset("GateSequence", (step * spec.GateWidth) + spec.Hidden)} + j), cellGradient);{CommentPad}// + dc_{StepText(step + 1)} ⊙ f_{StepText(step + 1)}");
                    writer.Line($"TChunk.Store(cellGradient, ref w, {Offset("CellGradientSequence", (step - 1) * spec.Hidden)} + j);");
                    string sigmoid = ActivationOperator(Activation.Sigmoid), tanh = ActivationOperator(Activation.Tanh);
                    writer.Line($"TChunk.Store(cellGradient * candidate * TChunk.DerivativeFromOutput<{sigmoid}>(input), ref w, {Offset("PreActivationGradientSequence", gateOffset)} + j);{CommentPad}// di = dc ⊙ g ⊙ σ'");
                    writer.Line($"TChunk.Store(cellGradient * TChunk.Load(ref w, {Offset("StateSequence", ((step - 1) * spec.LayerStateSize) + spec.Hidden)} + j) * TChunk.DerivativeFromOutput<{sigmoid}>(forget), ref w, {Offset("PreActivationGradientSequence", gateOffset + spec.Hidden)} + j);{CommentPad}// df = dc ⊙ c_{StepText(step - 1)} ⊙ σ'");
                    writer.Line($"TChunk.Store(cellGradient * input * TChunk.DerivativeFromOutput<{tanh}>(candidate), ref w, {Offset("PreActivationGradientSequence", gateOffset + (2 * spec.Hidden))} + j);{CommentPad}// dg = dc ⊙ i ⊙ tanh'");
                    writer.Line($"TChunk.Store(hiddenGradient * squashed * TChunk.DerivativeFromOutput<{sigmoid}>(output), ref w, {Offset("PreActivationGradientSequence", gateOffset + (3 * spec.Hidden))} + j);{CommentPad}// do = dh ⊙ tanh(c) ⊙ σ'");
                }
            }
            writer.Line();
        }

        private void EmitLstmLooped()
        {
            EmitLoopedForwardPass();
            writer.Line($"/// <summary>Step t: a_t = x_t·W_x{(spec.Bias ? " + b" : "")} (already in the input projection) + h_(t-1)·W_h, then the gates, c_t and h_t.</summary>");
            using (writer.Block($"public static void ForwardStep(ref {t} p, ref {t} w, int step, bool fromZeroState)"))
            {
                writer.Line($"ref {t} a = ref At(ref w, InputProjectionSequence + ((step - 1) * 4 * Hidden));");
                writer.Line("if (step > 1 || !fromZeroState)");
                writer.Line($"    {Kernels}.AddVectorTimesMatrix(ref a, ref At(ref w, StateSequence + ((step - 1) * {StateSizeName})), Hidden, ref At(ref p, RecurrentWeights), 4 * Hidden);");
                writer.Line($"global::RnnGen.CellKernels.LstmForward(ref a, ref At(ref w, StateSequence + ((step - 1) * {StateSizeName}) + Hidden), ref At(ref w, GateSequence + ((step - 1) * 4 * Hidden)),");
                writer.Line($"    ref At(ref w, StateSequence + (step * {StateSizeName}) + Hidden), ref At(ref w, CellTanhSequence + ((step - 1) * Hidden)), ref At(ref w, StateSequence + (step * {StateSizeName})), Hidden);");
            }
            writer.Line();

            writer.Line($"/// <summary>For each step from the last: dh_t = {LoopedFromAbove} + W_h·d_(t+1), then dc_t and the gate gradients d_t.</summary>");
            using (writer.Block($"public static void BackwardPass(ref {t} p, ref {t} w)"))
            {
                using (writer.Block("for (int step = Steps; step >= 1; step--)"))
                {
                    EmitLoopedHiddenGradient("At(ref w, HiddenGradient)", "PreActivationGradientSequence", "4 * Hidden");
                    writer.Line($"ref {t} gateGradient = ref At(ref w, PreActivationGradientSequence + ((step - 1) * 4 * Hidden));");
                    writer.Line("global::RnnGen.CellKernels.LstmBackward(ref hiddenGradient, ref At(ref w, GateSequence + ((step - 1) * 4 * Hidden)), ref At(ref w, CellTanhSequence + ((step - 1) * Hidden)),");
                    writer.Line($"    ref At(ref w, StateSequence + ((step - 1) * {StateSizeName}) + Hidden), ref At(ref w, CellGradientSequence + (step * Hidden)), ref At(ref w, GateSequence + (step * 4 * Hidden)), step < Steps,");
                    writer.Line("    ref At(ref w, CellGradientSequence + ((step - 1) * Hidden)), ref gateGradient, Hidden);");
                }
            }
            writer.Line();
        }

        // ---- GRU ----

        private void EmitGru() => EmitCell(EmitGruForwardStep, EmitGruBackwardStep, EmitGruLooped);

        private void EmitGruForwardStep(int step, bool fromZeroState)
        {
            int gateOffset = (step - 1) * spec.GateWidth;
            bool recurrent = !fromZeroState;
            string h = $"h_{StepText(step - 1)}·W_h";
            writer.Line($"/// <summary>Step {StepText(step)} of {spec.Steps}{(fromZeroState ? " from the zero state" : "")}: gates r, z = σ(…), n = tanh(x·W_x[:, n] + r ⊙ (h·W_h[:, n] + b_h[n])), h_{StepText(step)} = n + z ⊙ (h_{StepText(step - 1)} − n).</summary>");
            using (writer.Block($"{StepVisibility(step, fromZeroState)} static void {StepMethodName("ForwardStep", step, fromZeroState)}<TChunk>(ref {t} p, ref {t} w{StepParameter}) {ChunkConstraint}"))
            {
                using (ChunkLoop("Hidden"))
                {
                    string sigmoid = ActivationOperator(Activation.Sigmoid);
                    writer.Line($"// r = σ(x_{StepText(step)}·W_x[:, r]{(spec.Bias ? " + b_x[r] + b_h[r]" : "")}{(recurrent ? $" + {h}[:, r]" : "")})");
                    writer.Line($"TChunk reset = TChunk.Activate<{sigmoid}>({GruGateSum("r", step, 0, recurrent)});");
                    writer.Line($"// z = σ(x_{StepText(step)}·W_x[:, z]{(spec.Bias ? " + b_x[z] + b_h[z]" : "")}{(recurrent ? $" + {h}[:, z]" : "")})");
                    writer.Line($"TChunk update = TChunk.Activate<{sigmoid}>({GruGateSum("z", step, 1, recurrent)});");
                    writer.Line($"// n = tanh(x_{StepText(step)}·W_x[:, n]{(spec.Bias ? " + b_x[n]" : "")} + r ⊙ ({(recurrent ? $"{h}[:, n]" : "0")}{(spec.Bias ? " + b_h[n]" : "")}))");
                    (string row, string comment) = ProjectionRow(step, 2, "n");
                    writer.Line($"TChunk inputPart = {row};{CommentPad}// {comment}");
                    var recurrentBias = spec.Bias ? new[] { (Load("p", "RecurrentBias", 2 * spec.Hidden), "b_h[n j..]") } : NoRows;
                    writer.Line($"TChunk recurrentPart = {ChunkSum("hn", recurrentBias, recurrent ? RecurrentTerms(step, 2 * spec.Hidden, "W_h") : new List<RowTerm>())};");
                    writer.Line($"TChunk candidate = TChunk.Activate<{ActivationOperator(Activation.Tanh)}>(TChunk.MultiplyAdd(reset, recurrentPart, inputPart));");
                    writer.Line($"TChunk.Store(reset, ref w, {Offset("GateSequence", gateOffset)} + j);");
                    writer.Line($"TChunk.Store(update, ref w, {Offset("GateSequence", gateOffset + spec.Hidden)} + j);");
                    writer.Line($"TChunk.Store(candidate, ref w, {Offset("GateSequence", gateOffset + (2 * spec.Hidden))} + j);");
                    writer.Line($"TChunk.Store(recurrentPart, ref w, {Offset("CandidateRecurrentSequence", (step - 1) * spec.Hidden)} + j);");
                    writer.Line($"TChunk previous = TChunk.Load(ref w, {Offset("StateSequence", (step - 1) * spec.Hidden)} + j);");
                    writer.Line($"TChunk.Store(TChunk.MultiplyAdd(update, previous - candidate, candidate), ref w, {Offset("StateSequence", step * spec.Hidden)} + j);{CommentPad}// h_{StepText(step)} = (1 − z) ⊙ n + z ⊙ h_{StepText(step - 1)}");
                }
            }
            writer.Line();
        }

        /// <summary>Unrolled GRU: the sum of gate r or z, whose input and recurrent parts are simply added.</summary>
        private string GruGateSum(string name, int step, int gate, bool recurrent)
        {
            var plain = new List<(string, string)> { ProjectionRow(step, gate, GruGates[gate]) };
            if (spec.Bias)
                plain.Add((Load("p", "RecurrentBias", gate * spec.Hidden), $"b_h[{GruGates[gate]} j..]"));
            return ChunkSum(name, plain, recurrent ? RecurrentTerms(step, gate * spec.Hidden, "W_h") : new List<RowTerm>());
        }

        private void EmitGruBackwardStep(int step)
        {
            bool last = !stepInLoop && step == spec.Steps;
            int gateOffset = (step - 1) * spec.GateWidth;
            writer.Line($"/// <summary>Step {StepText(step)} of {spec.Steps}, backwards: dh_{StepText(step)} = {FromAbove(step)}{(last ? "" : $" + W_h·dh'_{StepText(step + 1)} + dh_{StepText(step + 1)} ⊙ z_{StepText(step + 1)}")}, then the gradients of the gates' input parts d_{StepText(step)} and recurrent parts dh'_{StepText(step)}.</summary>");
            using (writer.Block($"private static void {StepMethodName("BackwardStep", step)}<TChunk>(ref {t} p, ref {t} w{StepParameter}) {ChunkConstraint}"))
            {
                using (ChunkLoop("Hidden"))
                {
                    string sum = ChunkSum("dh", HiddenGradientRows(step), HiddenGradientTerms(step, "RecurrentGradientSequence", "dh'", "W_h"));
                    writer.Line($"TChunk hiddenGradient = {sum};");
                    if (!last)
                        writer.Line($"hiddenGradient = TChunk.MultiplyAdd(TChunk.Load(ref w, {Offset("HiddenGradientSequence", step * spec.Hidden)} + j), TChunk.Load(ref w, {Offset("GateSequence", (step * spec.GateWidth) + spec.Hidden)} + j), hiddenGradient);{CommentPad}// + dh_{StepText(step + 1)} ⊙ z_{StepText(step + 1)}");
                    writer.Line($"TChunk.Store(hiddenGradient, ref w, {Offset("HiddenGradientSequence", (step - 1) * spec.Hidden)} + j);");
                    writer.Line($"TChunk reset = TChunk.Load(ref w, {Offset("GateSequence", gateOffset)} + j);");
                    writer.Line($"TChunk update = TChunk.Load(ref w, {Offset("GateSequence", gateOffset + spec.Hidden)} + j);");
                    writer.Line($"TChunk candidate = TChunk.Load(ref w, {Offset("GateSequence", gateOffset + (2 * spec.Hidden))} + j);");
                    string sigmoid = ActivationOperator(Activation.Sigmoid), tanh = ActivationOperator(Activation.Tanh);
                    writer.Line($"TChunk candidateGradient = hiddenGradient * (TChunk.Broadcast({t}.One) - update) * TChunk.DerivativeFromOutput<{tanh}>(candidate);{CommentPad}// dn' = dh ⊙ (1 − z) ⊙ tanh'");
                    writer.Line($"TChunk resetGradient = candidateGradient * TChunk.Load(ref w, {Offset("CandidateRecurrentSequence", (step - 1) * spec.Hidden)} + j) * TChunk.DerivativeFromOutput<{sigmoid}>(reset);{CommentPad}// dr' = dn' ⊙ (h·W_h[:, n] + b_h[n]) ⊙ σ'");
                    writer.Line($"TChunk updateGradient = hiddenGradient * (TChunk.Load(ref w, {Offset("StateSequence", (step - 1) * spec.Hidden)} + j) - candidate) * TChunk.DerivativeFromOutput<{sigmoid}>(update);{CommentPad}// dz' = dh ⊙ (h_{StepText(step - 1)} − n) ⊙ σ'");
                    writer.Line($"TChunk.Store(resetGradient, ref w, {Offset("PreActivationGradientSequence", gateOffset)} + j);");
                    writer.Line($"TChunk.Store(updateGradient, ref w, {Offset("PreActivationGradientSequence", gateOffset + spec.Hidden)} + j);");
                    writer.Line($"TChunk.Store(candidateGradient, ref w, {Offset("PreActivationGradientSequence", gateOffset + (2 * spec.Hidden))} + j);");
                    writer.Line($"TChunk.Store(resetGradient, ref w, {Offset("RecurrentGradientSequence", gateOffset)} + j);");
                    writer.Line($"TChunk.Store(updateGradient, ref w, {Offset("RecurrentGradientSequence", gateOffset + spec.Hidden)} + j);");
                    writer.Line($"TChunk.Store(candidateGradient * reset, ref w, {Offset("RecurrentGradientSequence", gateOffset + (2 * spec.Hidden))} + j);{CommentPad}// dn' ⊙ r");
                }
            }
            writer.Line();
        }

        private void EmitGruLooped()
        {
            EmitLoopedForwardPass();
            writer.Line($"/// <summary>Step t: the recurrent part h_(t-1)·W_h{(spec.Bias ? " + b_h" : "")}, then the gates and h_t from it and the input projection.</summary>");
            using (writer.Block($"public static void ForwardStep(ref {t} p, ref {t} w, int step, bool fromZeroState)"))
            {
                writer.Line($"ref {t} recurrentPart = ref At(ref w, RecurrentPart);");
                writer.Line("if (step > 1 || !fromZeroState)");
                writer.Line($"    {Kernels}.VectorTimesMatrix(ref recurrentPart, ref At(ref w, StateSequence + ((step - 1) * Hidden)), Hidden, ref At(ref p, RecurrentWeights), 3 * Hidden);");
                writer.Line("else");
                writer.Line($"    {Kernels}.Clear(ref recurrentPart, 3 * Hidden);");
                if (spec.Bias)
                    writer.Line($"{Kernels}.Add(ref recurrentPart, ref At(ref p, RecurrentBias), 3 * Hidden);");
                writer.Line("global::RnnGen.CellKernels.GruForward(ref At(ref w, InputProjectionSequence + ((step - 1) * 3 * Hidden)), ref recurrentPart, ref At(ref w, StateSequence + ((step - 1) * Hidden)),");
                writer.Line("    ref At(ref w, GateSequence + ((step - 1) * 3 * Hidden)), ref At(ref w, CandidateRecurrentSequence + ((step - 1) * Hidden)), ref At(ref w, StateSequence + (step * Hidden)), Hidden);");
            }
            writer.Line();

            writer.Line($"/// <summary>For each step from the last: dh_t = {LoopedFromAbove} + W_h·dh'_(t+1) + dh_(t+1) ⊙ z_(t+1), then the gate gradients.</summary>");
            using (writer.Block($"public static void BackwardPass(ref {t} p, ref {t} w)"))
            {
                using (writer.Block("for (int step = Steps; step >= 1; step--)"))
                {
                    EmitLoopedHiddenGradient("At(ref w, HiddenGradientSequence + ((step - 1) * Hidden))", "RecurrentGradientSequence", "3 * Hidden");
                    writer.Line($"ref {t} recurrentGradient = ref At(ref w, RecurrentGradientSequence + ((step - 1) * 3 * Hidden));");
                    writer.Line("global::RnnGen.CellKernels.GruBackward(ref hiddenGradient, ref At(ref w, GateSequence + ((step - 1) * 3 * Hidden)), ref At(ref w, CandidateRecurrentSequence + ((step - 1) * Hidden)),");
                    writer.Line("    ref At(ref w, StateSequence + ((step - 1) * Hidden)), ref At(ref w, HiddenGradientSequence + (step * Hidden)), ref At(ref w, GateSequence + (step * 3 * Hidden)), step < Steps,");
                    writer.Line("    ref At(ref w, PreActivationGradientSequence + ((step - 1) * 3 * Hidden)), ref recurrentGradient, Hidden);");
                }
            }
            writer.Line();
        }
    }
}
