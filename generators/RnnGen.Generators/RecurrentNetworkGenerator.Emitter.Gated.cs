using System.Collections.Generic;

namespace RnnGen.Generators;

public sealed partial class RecurrentNetworkGenerator
{
    internal sealed partial class Emitter
    {
        private static readonly string[] LstmGates = { "i", "f", "g", "o" };
        private static readonly string[] GruGates = { "r", "z", "n" };

        private string Gates => spec.Cell == CellKind.Lstm ? "i, f, g, o" : "r, z, n";

        // ---- Shared by LSTM and GRU, unrolled: the order of steps, and the weight gradients of one step. ----

        private void EmitGatedPassesUnrolled()
        {
            writer.Line("/// <summary>Runs every step in order; step 1 skips h_0·W_h when the state starts at zero.</summary>");
            using (writer.Block($"public static void ForwardPass<TChunk>(ref {t} p, ref {t} w, bool fromZeroState) {ChunkConstraint}"))
            {
                writer.Line("if (fromZeroState)");
                writer.Line("    ForwardStep1FromZeroState<TChunk>(ref p, ref w);");
                writer.Line("else");
                writer.Line("    ForwardStep1<TChunk>(ref p, ref w);");
                for (int step = 2; step <= spec.Steps; step++)
                    writer.Line($"ForwardStep{step}<TChunk>(ref p, ref w);");
            }
            writer.Line();
            writer.Line("/// <summary>Runs every step backwards from the last, each followed by the weight gradients it adds.</summary>");
            using (writer.Block($"public static void BackwardPass<TChunk>(ref {t} p, ref {t} w, ref {t} g, bool fromZeroState) {ChunkConstraint}"))
            {
                for (int step = spec.Steps; step >= 1; step--)
                {
                    writer.Line($"BackwardStep{step}<TChunk>(ref p, ref w, ref g);");
                    writer.Line($"AddWeightGradients{step}<TChunk>(ref w, ref g{(step == 1 ? ", fromZeroState" : "")});");
                }
            }
            writer.Line();
        }

        /// <summary>
        /// dW_x[i, c] += x_t[i]·dx_t[c] and dW_h[k, c] += h_{t-1}[k]·dh_t[c] for every gate column c, plus the biases,
        /// where dx and dh are the gradients at the gates' input and recurrent parts (the same for LSTM).
        /// </summary>
        private void EmitGatedWeightGradients(int step)
        {
            string inputRegion = "PreActivationGradientSequence";
            string recurrentRegion = spec.Cell == CellKind.Gru ? "RecurrentGradientSequence" : "PreActivationGradientSequence";
            string[] gates = spec.Cell == CellKind.Lstm ? LstmGates : GruGates;
            bool first = step == 1;
            writer.Line($"/// <summary>The weight gradients of step {step}: dW_x += x_{step} ⊗ d_{step}, dW_h += h_{step - 1} ⊗ d_{step}{(spec.Bias ? ", and the biases" : "")}.</summary>");
            using (writer.Block($"private static void AddWeightGradients{step}<TChunk>(ref {t} w, ref {t} g{(first ? ", bool fromZeroState" : "")}) {ChunkConstraint}"))
            {
                using (ChunkLoop("Hidden"))
                {
                    writer.Line("// Lanes this chunk shares with the one before it were added there already.");
                    for (int q = 0; q < gates.Length; q++)
                        writer.Line($"TChunk d{gates[q].ToUpperInvariant()} = TChunk.ZeroLanesBelow(TChunk.Load(ref w, {Offset(inputRegion, ((step - 1) * spec.GateWidth) + (q * spec.Hidden))} + j), chunk - j);");
                    if (spec.Cell == CellKind.Gru)
                    {
                        for (int q = 0; q < gates.Length; q++)
                            writer.Line($"TChunk dh{gates[q].ToUpperInvariant()} = TChunk.ZeroLanesBelow(TChunk.Load(ref w, {Offset(recurrentRegion, ((step - 1) * spec.GateWidth) + (q * spec.Hidden))} + j), chunk - j);");
                    }
                    string Recurrent(string gate) => spec.Cell == CellKind.Gru ? $"dh{gate.ToUpperInvariant()}" : $"d{gate.ToUpperInvariant()}";

                    for (int i = 0; i < spec.Inputs; i++)
                    {
                        for (int q = 0; q < gates.Length; q++)
                            writer.Line($"TChunk.AddProduct(ref g, {Offset("InputWeights", (i * spec.GateWidth) + (q * spec.Hidden))} + j, {Broadcast("w", "InputSequence", ((step - 1) * spec.Inputs) + i)}, d{gates[q].ToUpperInvariant()});{CommentPad}// dW_x[{i}, {gates[q]} j..] += x_{step}[{i}]·d{gates[q]}");
                    }
                    if (first)
                    {
                        writer.Line("if (!fromZeroState)");
                        writer.Indent();
                        writer.Line("{");
                    }
                    for (int k = 0; k < spec.Hidden; k++)
                    {
                        for (int q = 0; q < gates.Length; q++)
                            writer.Line($"TChunk.AddProduct(ref g, {Offset("RecurrentWeights", (k * spec.GateWidth) + (q * spec.Hidden))} + j, {Broadcast("w", "StateSequence", ((step - 1) * spec.StateSize) + k)}, {Recurrent(gates[q])});{CommentPad}// dW_h[{k}, {gates[q]} j..] += h_{step - 1}[{k}]·d{gates[q]}");
                    }
                    if (first)
                    {
                        writer.Line("}");
                        writer.Unindent();
                    }
                    if (spec.Bias)
                    {
                        for (int q = 0; q < gates.Length; q++)
                            writer.Line($"TChunk.Accumulate(ref g, {Offset("HiddenBias", q * spec.Hidden)} + j, d{gates[q].ToUpperInvariant()});{CommentPad}// {(spec.Cell == CellKind.Gru ? "db_x" : "db")}[{gates[q]} j..]");
                        if (spec.Cell == CellKind.Gru)
                        {
                            for (int q = 0; q < gates.Length; q++)
                                writer.Line($"TChunk.Accumulate(ref g, {Offset("RecurrentBias", q * spec.Hidden)} + j, dh{gates[q].ToUpperInvariant()});{CommentPad}// db_h[{gates[q]} j..]");
                        }
                    }
                }
            }
            writer.Line();
        }

        /// <summary>The rows of one gate's sum for one step: its bias (if any), x_t·W_x and, unless h_0 is known zero, h_{t-1}·W_h.</summary>
        private string GateSum(string name, int step, int gate, bool recurrent, bool inputPart = true, bool recurrentBias = false)
        {
            int column = gate * spec.Hidden;
            var plain = new List<(string, string)>();
            var terms = new List<RowTerm>();
            string matrix = "W_x", gateName = spec.Cell == CellKind.Lstm ? LstmGates[gate] : GruGates[gate];
            if (inputPart)
            {
                if (spec.Bias)
                    plain.Add((Load("p", "HiddenBias", column), $"{(spec.Cell == CellKind.Gru ? "b_x" : "b")}[{gateName} j..]"));
                terms.AddRange(InputTerms(step, column, matrix));
            }
            if (recurrentBias && spec.Bias)
                plain.Add((Load("p", "RecurrentBias", column), $"b_h[{gateName} j..]"));
            if (recurrent)
                terms.AddRange(RecurrentTerms(step, column, "W_h"));
            return ChunkSum(name, plain, terms);
        }

        // ---- LSTM ----

        private void EmitLstm()
        {
            if (spec.Unroll == Unroll.Full)
            {
                EmitGatedPassesUnrolled();
                EmitLstmForwardStep(1, fromZeroState: true);
                for (int step = 1; step <= spec.Steps; step++)
                    EmitLstmForwardStep(step, fromZeroState: false);
                for (int step = spec.Steps; step >= 1; step--)
                {
                    EmitLstmBackwardStep(step);
                    EmitGatedWeightGradients(step);
                }
            }
            else
            {
                EmitLstmLooped();
            }
        }

        private void EmitLstmForwardStep(int step, bool fromZeroState)
        {
            int gateOffset = (step - 1) * spec.GateWidth;
            writer.Line($"/// <summary>Step {step} of {spec.Steps}{(fromZeroState ? " from the zero state" : "")}: gates i, f, o = σ(…), g = tanh(…), c_{step} = f ⊙ c_{step - 1} + i ⊙ g, h_{step} = o ⊙ tanh(c_{step}), then z_{step} and ŷ_{step}.</summary>");
            using (writer.Block($"private static void ForwardStep{step}{(fromZeroState ? "FromZeroState" : "")}<TChunk>(ref {t} p, ref {t} w) {ChunkConstraint}"))
            {
                using (ChunkLoop("Hidden"))
                {
                    string[] activations = { "Sigmoid", "Sigmoid", "Tanh", "Sigmoid" };
                    string[] names = { "input", "forget", "candidate", "output" };
                    for (int q = 0; q < 4; q++)
                    {
                        writer.Line($"// {LstmGates[q]} = {(q == 2 ? "tanh" : "σ")}(x_{step}·W_x[:, {LstmGates[q]}]{(fromZeroState ? "" : $" + h_{step - 1}·W_h[:, {LstmGates[q]}]")}{(spec.Bias ? $" + b[{LstmGates[q]}]" : "")})");
                        string sum = GateSum(LstmGates[q], step, q, recurrent: !fromZeroState);
                        writer.Line($"TChunk {names[q]} = TChunk.Activate<{ActivationOperator((Activation)System.Enum.Parse(typeof(Activation), activations[q]))}>({sum});");
                        writer.Line($"TChunk.Store({names[q]}, ref w, {Offset("GateSequence", gateOffset + (q * spec.Hidden))} + j);");
                    }
                    writer.Line($"TChunk cell = TChunk.MultiplyAdd(forget, TChunk.Load(ref w, {Offset("StateSequence", ((step - 1) * spec.StateSize) + spec.Hidden)} + j), input * candidate);{CommentPad}// c_{step} = f ⊙ c_{step - 1} + i ⊙ g");
                    writer.Line($"TChunk squashed = TChunk.Activate<{ActivationOperator(Activation.Tanh)}>(cell);");
                    writer.Line($"TChunk.Store(cell, ref w, {Offset("StateSequence", (step * spec.StateSize) + spec.Hidden)} + j);");
                    writer.Line($"TChunk.Store(squashed, ref w, {Offset("CellTanhSequence", (step - 1) * spec.Hidden)} + j);");
                    writer.Line($"TChunk.Store(output * squashed, ref w, {Offset("StateSequence", step * spec.StateSize)} + j);{CommentPad}// h_{step} = o ⊙ tanh(c_{step})");
                }
                writer.Line($"ForwardOutput(ref p, ref w, {step});");
            }
            writer.Line();
        }

        private void EmitLstmBackwardStep(int step)
        {
            bool last = step == spec.Steps;
            int gateOffset = (step - 1) * spec.GateWidth;
            writer.Line($"/// <summary>Step {step} of {spec.Steps}, backwards: dh_{step} = W_hy·dz_{step}{(last ? "" : $" + W_h·d_{step + 1}")}, dc_{step} = dh ⊙ o ⊙ (1 − tanh²c_{step}){(last ? "" : $" + dc_{step + 1} ⊙ f_{step + 1}")}, and the gate gradients d_{step}.</summary>");
            using (writer.Block($"private static void BackwardStep{step}<TChunk>(ref {t} p, ref {t} w, ref {t} g) {ChunkConstraint}"))
            {
                using (ChunkLoop("Hidden"))
                {
                    string sum = ChunkSum("dh", NoRows, HiddenGradientTerms(step, "PreActivationGradientSequence", "d", "W_h"));
                    writer.Line($"TChunk hiddenGradient = {sum};");
                    string[] names = { "input", "forget", "candidate", "output" };
                    for (int q = 0; q < 4; q++)
                        writer.Line($"TChunk {names[q]} = TChunk.Load(ref w, {Offset("GateSequence", gateOffset + (q * spec.Hidden))} + j);");
                    writer.Line($"TChunk squashed = TChunk.Load(ref w, {Offset("CellTanhSequence", (step - 1) * spec.Hidden)} + j);");
                    writer.Line($"TChunk cellGradient = hiddenGradient * output * TChunk.DerivativeFromOutput<{ActivationOperator(Activation.Tanh)}>(squashed);");
                    if (!last)
                        writer.Line($"cellGradient = TChunk.MultiplyAdd(TChunk.Load(ref w, {Offset("CellGradientSequence", step * spec.Hidden)} + j), TChunk.Load(ref w, {Offset("GateSequence", (step * spec.GateWidth) + spec.Hidden)} + j), cellGradient);{CommentPad}// + dc_{step + 1} ⊙ f_{step + 1}");
                    writer.Line($"TChunk.Store(cellGradient, ref w, {Offset("CellGradientSequence", (step - 1) * spec.Hidden)} + j);");
                    string sigmoid = ActivationOperator(Activation.Sigmoid), tanh = ActivationOperator(Activation.Tanh);
                    writer.Line($"TChunk.Store(cellGradient * candidate * TChunk.DerivativeFromOutput<{sigmoid}>(input), ref w, {Offset("PreActivationGradientSequence", gateOffset)} + j);{CommentPad}// di");
                    writer.Line($"TChunk.Store(cellGradient * TChunk.Load(ref w, {Offset("StateSequence", ((step - 1) * spec.StateSize) + spec.Hidden)} + j) * TChunk.DerivativeFromOutput<{sigmoid}>(forget), ref w, {Offset("PreActivationGradientSequence", gateOffset + spec.Hidden)} + j);{CommentPad}// df = dc ⊙ c_{step - 1} ⊙ σ'");
                    writer.Line($"TChunk.Store(cellGradient * input * TChunk.DerivativeFromOutput<{tanh}>(candidate), ref w, {Offset("PreActivationGradientSequence", gateOffset + (2 * spec.Hidden))} + j);{CommentPad}// dg");
                    writer.Line($"TChunk.Store(hiddenGradient * squashed * TChunk.DerivativeFromOutput<{sigmoid}>(output), ref w, {Offset("PreActivationGradientSequence", gateOffset + (3 * spec.Hidden))} + j);{CommentPad}// do");
                }
                writer.Line($"{Kernels}.AddOuterProduct(ref At(ref g, OutputWeights), ref At(ref w, {Offset("StateSequence", step * spec.StateSize)}), Hidden, ref At(ref w, {Offset("OutputGradientSequence", (step - 1) * spec.Outputs)}), Outputs);{CommentPad}// dW_hy += h_{step} ⊗ dz_{step}");
            }
            writer.Line();
        }

        private void EmitLstmLooped()
        {
            writer.Line($"/// <summary>For each step: a_t = x_t·W_x + h_(t-1)·W_h{(spec.Bias ? " + b" : "")}, then the gates, c_t and h_t, then z_t and ŷ_t.</summary>");
            using (writer.Block($"public static void ForwardPass(ref {t} p, ref {t} w, bool fromZeroState)"))
            {
                using (writer.Block("for (int step = 1; step <= Steps; step++)"))
                {
                    writer.Line($"ref {t} a = ref At(ref w, PreActivation);");
                    writer.Line($"{Kernels}.VectorTimesMatrix(ref a, ref At(ref w, InputSequence + ((step - 1) * Inputs)), Inputs, ref At(ref p, InputWeights), 4 * Hidden);");
                    writer.Line("if (step > 1 || !fromZeroState)");
                    writer.Line($"    {Kernels}.AddVectorTimesMatrix(ref a, ref At(ref w, StateSequence + ((step - 1) * StateSize)), Hidden, ref At(ref p, RecurrentWeights), 4 * Hidden);");
                    if (spec.Bias)
                        writer.Line($"{Kernels}.Add(ref a, ref At(ref p, HiddenBias), 4 * Hidden);");
                    writer.Line("global::RnnGen.CellKernels.LstmForward(ref a, ref At(ref w, StateSequence + ((step - 1) * StateSize) + Hidden), ref At(ref w, GateSequence + ((step - 1) * 4 * Hidden)),");
                    writer.Line("    ref At(ref w, StateSequence + (step * StateSize) + Hidden), ref At(ref w, CellTanhSequence + ((step - 1) * Hidden)), ref At(ref w, StateSequence + (step * StateSize)), Hidden);");
                    writer.Line("ForwardOutput(ref p, ref w, step);");
                }
            }
            writer.Line();

            writer.Line("/// <summary>For each step from the last: dh_t = W_hy·dz_t + W_h·d_(t+1), then dc_t and the gate gradients d_t, and the gradients they add.</summary>");
            using (writer.Block($"public static void BackwardPass(ref {t} p, ref {t} w, ref {t} g, bool fromZeroState)"))
            {
                using (writer.Block("for (int step = Steps; step >= 1; step--)"))
                {
                    EmitLoopedHiddenGradient("At(ref w, HiddenGradient)", "PreActivationGradientSequence", "4 * Hidden");
                    writer.Line($"ref {t} gateGradient = ref At(ref w, PreActivationGradientSequence + ((step - 1) * 4 * Hidden));");
                    writer.Line("global::RnnGen.CellKernels.LstmBackward(ref hiddenGradient, ref At(ref w, GateSequence + ((step - 1) * 4 * Hidden)), ref At(ref w, CellTanhSequence + ((step - 1) * Hidden)),");
                    writer.Line("    ref At(ref w, StateSequence + ((step - 1) * StateSize) + Hidden), ref At(ref w, CellGradientSequence + (step * Hidden)), ref At(ref w, GateSequence + (step * 4 * Hidden)), step < Steps,");
                    writer.Line("    ref At(ref w, CellGradientSequence + ((step - 1) * Hidden)), ref gateGradient, Hidden);");
                    EmitLoopedGateWeightGradients("gateGradient", "gateGradient", "4 * Hidden");
                }
            }
            writer.Line();
        }

        /// <summary>Looped code: hiddenGradient = W_hy·dz_t (+ W_h·d_(t+1) through the transposed weights).</summary>
        private void EmitLoopedHiddenGradient(string target, string laterRegion, string gateWidth)
        {
            writer.Line($"ref {t} hiddenGradient = ref {target};");
            string outputRows = spec.Outputs == 1 ? "ref At(ref p, OutputWeights)" : "ref At(ref w, OutputWeightsTransposed)";
            writer.Line($"{Kernels}.VectorTimesMatrix(ref hiddenGradient, ref At(ref w, OutputGradientSequence + ((step - 1) * Outputs)), Outputs, {outputRows}, Hidden);");
            writer.Line("if (step < Steps)");
            writer.Line($"    {Kernels}.AddVectorTimesMatrix(ref hiddenGradient, ref At(ref w, {laterRegion} + (step * {gateWidth})), {gateWidth}, ref At(ref w, RecurrentWeightsTransposed), Hidden);");
        }

        /// <summary>Looped code: the weight and bias gradients of one step of a gated cell, and of the output layer.</summary>
        private void EmitLoopedGateWeightGradients(string inputGradient, string recurrentGradient, string gateWidth)
        {
            writer.Line($"{Kernels}.AddOuterProduct(ref At(ref g, InputWeights), ref At(ref w, InputSequence + ((step - 1) * Inputs)), Inputs, ref {inputGradient}, {gateWidth});");
            writer.Line("if (step > 1 || !fromZeroState)");
            writer.Line($"    {Kernels}.AddOuterProduct(ref At(ref g, RecurrentWeights), ref At(ref w, StateSequence + ((step - 1) * StateSize)), Hidden, ref {recurrentGradient}, {gateWidth});");
            if (spec.Bias)
            {
                writer.Line($"{Kernels}.Add(ref At(ref g, HiddenBias), ref {inputGradient}, {gateWidth});");
                if (spec.Cell == CellKind.Gru)
                    writer.Line($"{Kernels}.Add(ref At(ref g, RecurrentBias), ref {recurrentGradient}, {gateWidth});");
            }
            writer.Line($"{Kernels}.AddOuterProduct(ref At(ref g, OutputWeights), ref At(ref w, StateSequence + (step * StateSize)), Hidden, ref At(ref w, OutputGradientSequence + ((step - 1) * Outputs)), Outputs);");
        }

        // ---- GRU ----

        private void EmitGru()
        {
            if (spec.Unroll == Unroll.Full)
            {
                EmitGatedPassesUnrolled();
                EmitGruForwardStep(1, fromZeroState: true);
                for (int step = 1; step <= spec.Steps; step++)
                    EmitGruForwardStep(step, fromZeroState: false);
                for (int step = spec.Steps; step >= 1; step--)
                {
                    EmitGruBackwardStep(step);
                    EmitGatedWeightGradients(step);
                }
            }
            else
            {
                EmitGruLooped();
            }
        }

        private void EmitGruForwardStep(int step, bool fromZeroState)
        {
            int gateOffset = (step - 1) * spec.GateWidth;
            bool recurrent = !fromZeroState;
            string h = $"h_{step - 1}·W_h";
            writer.Line($"/// <summary>Step {step} of {spec.Steps}{(fromZeroState ? " from the zero state" : "")}: gates r, z = σ(…), n = tanh(x·W_x[:, n] + r ⊙ (h·W_h[:, n] + b_h[n])), h_{step} = n + z ⊙ (h_{step - 1} − n), then z_{step} and ŷ_{step}.</summary>");
            using (writer.Block($"private static void ForwardStep{step}{(fromZeroState ? "FromZeroState" : "")}<TChunk>(ref {t} p, ref {t} w) {ChunkConstraint}"))
            {
                using (ChunkLoop("Hidden"))
                {
                    string sigmoid = ActivationOperator(Activation.Sigmoid);
                    writer.Line($"// r = σ(x_{step}·W_x[:, r]{(recurrent ? $" + {h}[:, r]" : "")}{(spec.Bias ? " + b_x[r] + b_h[r]" : "")})");
                    writer.Line($"TChunk reset = TChunk.Activate<{sigmoid}>({GateSum("r", step, 0, recurrent, recurrentBias: true)});");
                    writer.Line($"// z = σ(x_{step}·W_x[:, z]{(recurrent ? $" + {h}[:, z]" : "")}{(spec.Bias ? " + b_x[z] + b_h[z]" : "")})");
                    writer.Line($"TChunk update = TChunk.Activate<{sigmoid}>({GateSum("z", step, 1, recurrent, recurrentBias: true)});");
                    writer.Line($"// n = tanh(x_{step}·W_x[:, n]{(spec.Bias ? " + b_x[n]" : "")} + r ⊙ ({(recurrent ? $"{h}[:, n]" : "0")}{(spec.Bias ? " + b_h[n]" : "")}))");
                    writer.Line($"TChunk inputPart = {GateSum("x", step, 2, recurrent: false)};");
                    writer.Line($"TChunk recurrentPart = {GateSum("hn", step, 2, recurrent, inputPart: false, recurrentBias: true)};");
                    writer.Line($"TChunk candidate = TChunk.Activate<{ActivationOperator(Activation.Tanh)}>(TChunk.MultiplyAdd(reset, recurrentPart, inputPart));");
                    writer.Line($"TChunk.Store(reset, ref w, {Offset("GateSequence", gateOffset)} + j);");
                    writer.Line($"TChunk.Store(update, ref w, {Offset("GateSequence", gateOffset + spec.Hidden)} + j);");
                    writer.Line($"TChunk.Store(candidate, ref w, {Offset("GateSequence", gateOffset + (2 * spec.Hidden))} + j);");
                    writer.Line($"TChunk.Store(recurrentPart, ref w, {Offset("CandidateRecurrentSequence", (step - 1) * spec.Hidden)} + j);");
                    writer.Line($"TChunk previous = TChunk.Load(ref w, {Offset("StateSequence", (step - 1) * spec.Hidden)} + j);");
                    writer.Line($"TChunk.Store(TChunk.MultiplyAdd(update, previous - candidate, candidate), ref w, {Offset("StateSequence", step * spec.Hidden)} + j);{CommentPad}// h_{step} = (1 − z) ⊙ n + z ⊙ h_{step - 1}");
                }
                writer.Line($"ForwardOutput(ref p, ref w, {step});");
            }
            writer.Line();
        }

        private void EmitGruBackwardStep(int step)
        {
            bool last = step == spec.Steps;
            int gateOffset = (step - 1) * spec.GateWidth;
            writer.Line($"/// <summary>Step {step} of {spec.Steps}, backwards: dh_{step} = W_hy·dz_{step}{(last ? "" : $" + W_h·dh'_{step + 1} + dh_{step + 1} ⊙ z_{step + 1}")}, then the gradients of the gates' input parts d_{step} and recurrent parts dh'_{step}.</summary>");
            using (writer.Block($"private static void BackwardStep{step}<TChunk>(ref {t} p, ref {t} w, ref {t} g) {ChunkConstraint}"))
            {
                using (ChunkLoop("Hidden"))
                {
                    string sum = ChunkSum("dh", NoRows, HiddenGradientTerms(step, "RecurrentGradientSequence", "dh'", "W_h"));
                    writer.Line($"TChunk hiddenGradient = {sum};");
                    if (!last)
                        writer.Line($"hiddenGradient = TChunk.MultiplyAdd(TChunk.Load(ref w, {Offset("HiddenGradientSequence", step * spec.Hidden)} + j), TChunk.Load(ref w, {Offset("GateSequence", (step * spec.GateWidth) + spec.Hidden)} + j), hiddenGradient);{CommentPad}// + dh_{step + 1} ⊙ z_{step + 1}");
                    writer.Line($"TChunk.Store(hiddenGradient, ref w, {Offset("HiddenGradientSequence", (step - 1) * spec.Hidden)} + j);");
                    writer.Line($"TChunk reset = TChunk.Load(ref w, {Offset("GateSequence", gateOffset)} + j);");
                    writer.Line($"TChunk update = TChunk.Load(ref w, {Offset("GateSequence", gateOffset + spec.Hidden)} + j);");
                    writer.Line($"TChunk candidate = TChunk.Load(ref w, {Offset("GateSequence", gateOffset + (2 * spec.Hidden))} + j);");
                    string sigmoid = ActivationOperator(Activation.Sigmoid), tanh = ActivationOperator(Activation.Tanh);
                    writer.Line($"TChunk candidateGradient = hiddenGradient * (TChunk.Broadcast({t}.One) - update) * TChunk.DerivativeFromOutput<{tanh}>(candidate);{CommentPad}// dn'");
                    writer.Line($"TChunk resetGradient = candidateGradient * TChunk.Load(ref w, {Offset("CandidateRecurrentSequence", (step - 1) * spec.Hidden)} + j) * TChunk.DerivativeFromOutput<{sigmoid}>(reset);{CommentPad}// dr'");
                    writer.Line($"TChunk updateGradient = hiddenGradient * (TChunk.Load(ref w, {Offset("StateSequence", (step - 1) * spec.Hidden)} + j) - candidate) * TChunk.DerivativeFromOutput<{sigmoid}>(update);{CommentPad}// dz'");
                    writer.Line($"TChunk.Store(resetGradient, ref w, {Offset("PreActivationGradientSequence", gateOffset)} + j);");
                    writer.Line($"TChunk.Store(updateGradient, ref w, {Offset("PreActivationGradientSequence", gateOffset + spec.Hidden)} + j);");
                    writer.Line($"TChunk.Store(candidateGradient, ref w, {Offset("PreActivationGradientSequence", gateOffset + (2 * spec.Hidden))} + j);");
                    writer.Line($"TChunk.Store(resetGradient, ref w, {Offset("RecurrentGradientSequence", gateOffset)} + j);");
                    writer.Line($"TChunk.Store(updateGradient, ref w, {Offset("RecurrentGradientSequence", gateOffset + spec.Hidden)} + j);");
                    writer.Line($"TChunk.Store(candidateGradient * reset, ref w, {Offset("RecurrentGradientSequence", gateOffset + (2 * spec.Hidden))} + j);{CommentPad}// dn' ⊙ r");
                }
                writer.Line($"{Kernels}.AddOuterProduct(ref At(ref g, OutputWeights), ref At(ref w, {Offset("StateSequence", step * spec.Hidden)}), Hidden, ref At(ref w, {Offset("OutputGradientSequence", (step - 1) * spec.Outputs)}), Outputs);{CommentPad}// dW_hy += h_{step} ⊗ dz_{step}");
            }
            writer.Line();
        }

        private void EmitGruLooped()
        {
            writer.Line($"/// <summary>For each step: the input part x_t·W_x{(spec.Bias ? " + b_x" : "")} and recurrent part h_(t-1)·W_h{(spec.Bias ? " + b_h" : "")}, then the gates and h_t, then z_t and ŷ_t.</summary>");
            using (writer.Block($"public static void ForwardPass(ref {t} p, ref {t} w, bool fromZeroState)"))
            {
                using (writer.Block("for (int step = 1; step <= Steps; step++)"))
                {
                    writer.Line($"ref {t} inputPart = ref At(ref w, PreActivation);");
                    writer.Line($"ref {t} recurrentPart = ref At(ref w, RecurrentPart);");
                    writer.Line($"{Kernels}.VectorTimesMatrix(ref inputPart, ref At(ref w, InputSequence + ((step - 1) * Inputs)), Inputs, ref At(ref p, InputWeights), 3 * Hidden);");
                    writer.Line("if (step > 1 || !fromZeroState)");
                    writer.Line($"    {Kernels}.VectorTimesMatrix(ref recurrentPart, ref At(ref w, StateSequence + ((step - 1) * Hidden)), Hidden, ref At(ref p, RecurrentWeights), 3 * Hidden);");
                    writer.Line("else");
                    writer.Line($"    {Kernels}.Clear(ref recurrentPart, 3 * Hidden);");
                    if (spec.Bias)
                    {
                        writer.Line($"{Kernels}.Add(ref inputPart, ref At(ref p, HiddenBias), 3 * Hidden);");
                        writer.Line($"{Kernels}.Add(ref recurrentPart, ref At(ref p, RecurrentBias), 3 * Hidden);");
                    }
                    writer.Line("global::RnnGen.CellKernels.GruForward(ref inputPart, ref recurrentPart, ref At(ref w, StateSequence + ((step - 1) * Hidden)), ref At(ref w, GateSequence + ((step - 1) * 3 * Hidden)),");
                    writer.Line("    ref At(ref w, CandidateRecurrentSequence + ((step - 1) * Hidden)), ref At(ref w, StateSequence + (step * Hidden)), Hidden);");
                    writer.Line("ForwardOutput(ref p, ref w, step);");
                }
            }
            writer.Line();

            writer.Line("/// <summary>For each step from the last: dh_t = W_hy·dz_t + W_h·dh'_(t+1) + dh_(t+1) ⊙ z_(t+1), then the gate gradients, and the gradients they add.</summary>");
            using (writer.Block($"public static void BackwardPass(ref {t} p, ref {t} w, ref {t} g, bool fromZeroState)"))
            {
                using (writer.Block("for (int step = Steps; step >= 1; step--)"))
                {
                    EmitLoopedHiddenGradient("At(ref w, HiddenGradientSequence + ((step - 1) * Hidden))", "RecurrentGradientSequence", "3 * Hidden");
                    writer.Line($"ref {t} inputGradient = ref At(ref w, PreActivationGradientSequence + ((step - 1) * 3 * Hidden));");
                    writer.Line($"ref {t} recurrentGradient = ref At(ref w, RecurrentGradientSequence + ((step - 1) * 3 * Hidden));");
                    writer.Line("global::RnnGen.CellKernels.GruBackward(ref hiddenGradient, ref At(ref w, GateSequence + ((step - 1) * 3 * Hidden)), ref At(ref w, CandidateRecurrentSequence + ((step - 1) * Hidden)),");
                    writer.Line("    ref At(ref w, StateSequence + ((step - 1) * Hidden)), ref At(ref w, HiddenGradientSequence + (step * Hidden)), ref At(ref w, GateSequence + (step * 3 * Hidden)), step < Steps,");
                    writer.Line("    ref inputGradient, ref recurrentGradient, Hidden);");
                    EmitLoopedGateWeightGradients("inputGradient", "recurrentGradient", "3 * Hidden");
                }
            }
            writer.Line();
        }
    }
}
