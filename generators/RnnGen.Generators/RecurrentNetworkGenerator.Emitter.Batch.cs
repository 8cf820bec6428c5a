namespace RnnGen.Generators;

public sealed partial class RecurrentNetworkGenerator
{
    internal sealed partial class Emitter
    {
        private const string BatchKernels = "global::RnnGen.BatchKernels";

        /// <summary>
        /// API.md section 6 on the network class: <c>MaxDegreeOfParallelism</c> and the batch calls, each handed to the
        /// nested <c>BatchComputation</c> (created at the first batch call), which checks the spans and runs blocks of
        /// sequences on the shared worker threads.
        /// </summary>
        private void EmitBatchMembers()
        {
            writer.Line("private int maxDegreeOfParallelism = global::System.Environment.ProcessorCount;");
            writer.Line("private BatchComputation? batchComputation;");
            writer.Line();
            writer.Line("/// <inheritdoc/>");
            using (writer.Block("public int MaxDegreeOfParallelism"))
            {
                writer.Line("get => maxDegreeOfParallelism;");
                using (writer.Block("set"))
                {
                    writer.Line("maxDegreeOfParallelism = global::RnnGen.ThrowHelper.CheckDegreeOfParallelism(value);");
                    writer.Line("if (batchComputation is not null)");
                    writer.Line("    batchComputation.MaxDegreeOfParallelism = value;");
                }
            }
            writer.Line();
            writer.Line("/// <summary>The batch path, created at the first batch call.</summary>");
            writer.Line("private BatchComputation Batch() => batchComputation ??= new BatchComputation(parameters, gradients, maxDegreeOfParallelism);");
            writer.Line();
            string states = $"{ReadOnlySpan} initialStates, {Span} finalStates";
            BatchForward($"{ReadOnlySpan} inputs, {Span} outputs", "inputs, outputs");
            BatchForward($"{ReadOnlySpan} inputs, {Span} outputs, {states}", "inputs, outputs, initialStates, finalStates");
            BatchForward($"{Tokens} tokens, {Span} outputs", "tokens, outputs");
            BatchForward($"{Tokens} tokens, {Span} outputs, {states}", "tokens, outputs, initialStates, finalStates");
            BatchCall($"public {t} BackwardBatch({ReadOnlySpan} targets)", "BackwardBatch(targets)");
            BatchCall($"public {t} BackwardBatch({Tokens} targetTokens)", "BackwardBatch(targetTokens)");
            BatchCall($"public {t} TrainBatch({ReadOnlySpan} inputs, {ReadOnlySpan} targets, {t} learningRate)", "TrainBatch(inputs, targets, learningRate)");
            BatchCall($"public {t} TrainBatch({Tokens} tokens, {Tokens} targetTokens, {t} learningRate)", "TrainBatch(tokens, targetTokens, learningRate)");
            BatchCall($"public void StepBatch({ReadOnlySpan} inputs, {Span} states, {Span} outputs)", "StepBatch(inputs, states, outputs)");
            BatchCall($"public void StepBatch({Tokens} tokens, {Span} states, {Span} outputs)", "StepBatch(tokens, states, outputs)");
        }

        private void BatchForward(string parameters, string arguments) => BatchCall($"public void ForwardBatch({parameters})", $"ForwardBatch({arguments})");

        /// <summary>
        /// A batch call, handed to the batch path; once it has succeeded, Backward no longer has a Forward pass to
        /// differentiate (the batch path keeps its own activations, but the contract treats both directions alike, and
        /// ReferenceNetwork runs batches in its single-sequence workspace).
        /// </summary>
        private void BatchCall(string signature, string call)
        {
            bool returnsLoss = !signature.StartsWith("public void", System.StringComparison.Ordinal);
            writer.Line("/// <inheritdoc/>");
            using (writer.Block(signature))
            {
                writer.Line(returnsLoss ? $"{t} loss = Batch().{call};" : $"Batch().{call};");
                writer.Line("hasForwardPass = false;            // a batch call replaces the last Forward pass for Backward");
                writer.Line("stepReplacedForwardPass = true;");
                if (returnsLoss)
                    writer.Line("return loss;");
            }
            writer.Line();
        }

        /// <summary>
        /// The nested class that computes blocks of sequences for <c>global::RnnGen.BatchRunner</c>: the workspace
        /// offsets, the block size, and one block's forward and backward passes, layer by layer: the input projection of
        /// every step of every sequence, the recurrence (one product over the block's sequences per step, the cell's
        /// element-wise part per sequence), the output layer; backwards the same in reverse, then the weight gradients as
        /// products over every step of every sequence of the block.
        /// </summary>
        private void EmitBatchComputation()
        {
            var batch = BatchWorkspaceLayout.For(spec);
            writer.Line();
            writer.Line($"/// <summary>The batch path: blocks of {Number(BatchPolicy.SequencesPerBlock(spec))} sequences, each computed layer by layer with products over the block's sequences.</summary>");
            using (writer.Block($"private sealed class BatchComputation : global::RnnGen.BatchRunner<{t}>"))
            {
                writer.Line("/// <summary>Sequences per block: a thread's unit of work, fixed for the shape so that no result depends on the thread count.</summary>");
                writer.Line($"public const int SequencesPerBlock = {Number(BatchPolicy.SequencesPerBlock(spec))};");
                writer.Line();
                writer.Line("// Shared regions of the batch workspace.");
                foreach (BatchWorkspaceLayout.Region region in batch.Shared)
                    writer.Line($"public const int {region.Name} = {Number(region.Offset)};{Pad(region.Name, region.Offset)}// {region.Description} [{region.Length}]");
                writer.Line($"public const int SharedSize = {Number(batch.SharedSize)};");
                writer.Line();
                writer.Line("// The region of each sequence, SequenceStride elements apart after the shared regions.");
                foreach (BatchWorkspaceLayout.Region region in batch.Sequence)
                    writer.Line($"public const int {region.Name} = {Number(region.Offset)};{Pad(region.Name, region.Offset)}// {region.Description} [{region.Length}]");
                writer.Line($"public const int SequenceStride = {Number(batch.SequenceStride)};");
                writer.Line();
                EmitBatchLayerRegions(batch);
                string inputSequence = batch.OffsetOf("InputSequence") >= 0 ? "InputSequence" : "0";
                writer.Line($"public BatchComputation(global::RnnGen.AlignedArray<{t}> parameters, global::RnnGen.AlignedArray<{t}> gradients, int maxDegreeOfParallelism)");
                writer.Line($"    : base(parameters, gradients, new global::RnnGen.BatchLayout(Steps, Inputs, Outputs, StateSize, ParameterCount, SequencesPerBlock, SharedSize, SequenceStride,");
                writer.Line($"        {inputSequence}, StateSequence, OutputSequence, TargetSequence), maxDegreeOfParallelism)");
                writer.Line("{");
                writer.Line("}");
                writer.Line();
                writer.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
                writer.Line($"private static ref {t} At(ref {t} origin, int offset) => ref global::System.Runtime.CompilerServices.Unsafe.Add(ref origin, offset);");
                writer.Line();
                EmitBatchPrepare();
                EmitBatchForward();
                EmitBatchBackward();
            }
        }

        /// <summary>
        /// One recurrent layer as the batch path names it: a single layer's regions and parameter blocks directly
        /// (<c>PreActivationSequence</c>, <c>Computation.InputWeights</c>), a stacked layer's in its nested class
        /// (<c>Layer2.PreActivationSequence</c>, <c>Computation.Layer2.InputWeights</c>).
        /// </summary>
        private sealed class BatchLayer(int number, bool stacked, BatchLayer? below)
        {
            /// <summary>1-based, as in API.md section 7.</summary>
            public int Number { get; } = number;

            /// <summary>The layer whose h_t this one reads; null for the first.</summary>
            public BatchLayer? Below { get; } = below;

            /// <summary>Where the layer's state of step 0 sits in a sequence's region; step t's is StateSize × t further.</summary>
            public string State => Region("StateSequence");

            public string Region(string name) => stacked ? $"Layer{Number}.{name}" : name;

            public string Parameter(string name) => stacked ? $"Computation.Layer{Number}.{name}" : $"Computation.{name}";
        }

        private BatchLayer[] BatchLayers()
        {
            var result = new BatchLayer[spec.Layers];
            for (int l = 0; l < result.Length; l++)
                result[l] = new BatchLayer(l + 1, spec.Stacked, l == 0 ? null : result[l - 1]);
            return result;
        }

        private BatchLayer TopBatchLayer => BatchLayers()[spec.Layers - 1];

        /// <summary>With stacked layers, a nested class per layer holding that layer's regions.</summary>
        private void EmitBatchLayerRegions(BatchWorkspaceLayout batch)
        {
            foreach (BatchWorkspaceLayout.LayerRegions regions in batch.Layers)
            {
                writer.Line($"/// <summary>The regions of layer {regions.Number}: its state is the {Ordinal(regions.Number)} LayerStateSize elements of each step's state.</summary>");
                using (writer.Block($"public static class Layer{regions.Number}"))
                {
                    foreach (BatchWorkspaceLayout.Region region in regions.Shared)
                        writer.Line($"public const int {region.Name} = {Number(region.Offset)};{Pad(region.Name, region.Offset)}// shared: {region.Description} [{region.Length}]");
                    int stateOffset = (regions.Number - 1) * spec.LayerStateSize;
                    string stateSequence = stateOffset == 0 ? "BatchComputation.StateSequence" : $"BatchComputation.StateSequence + {Number(stateOffset)}";
                    writer.Line($"public const int StateSequence = {stateSequence};   // the layer's {(spec.Cell == CellKind.Lstm ? "h then c" : "h")} in each step's state, StateSize apart");
                    foreach (BatchWorkspaceLayout.Region region in regions.Sequence)
                        writer.Line($"public const int {region.Name} = {Number(region.Offset)};{Pad(region.Name, region.Offset)}// {region.Description} [{region.Length}]");
                }
                writer.Line();
            }
        }

        private static string Ordinal(int number) => number switch
        {
            1 => "first",
            2 => "second",
            3 => "third",
            _ => $"{number}th",
        };

        private void EmitBatchPrepare()
        {
            writer.Line("/// <inheritdoc/>");
            OptimizeFully();
            using (writer.Block($"protected override void PrepareBackward(ref {t} p, ref {t} shared)"))
            {
                foreach (BatchLayer layer in BatchLayers())
                {
                    writer.Line($"{Kernels}.Transpose(ref At(ref shared, {layer.Region("RecurrentWeightsTransposed")}), ref At(ref p, {layer.Parameter("RecurrentWeights")}), Hidden, {GateWidthExpression});");
                    if (layer.Below is not null)
                        writer.Line($"{Kernels}.Transpose(ref At(ref shared, {layer.Region("InputWeightsTransposed")}), ref At(ref p, {layer.Parameter("InputWeights")}), Hidden, {GateWidthExpression});");
                }
                if (spec.Outputs > 1)
                    writer.Line($"{Kernels}.Transpose(ref At(ref shared, OutputWeightsTransposed), ref At(ref p, Computation.OutputWeights), Hidden, Outputs);");
            }
            writer.Line();
        }

        /// <summary>The region of sequence b of the block: <c>ref T q</c>.</summary>
        private SourceWriter.Scope SequenceLoop()
        {
            SourceWriter.Scope scope = writer.Block("for (int b = 0; b < count; b++)");
            writer.Line($"ref {t} q = ref At(ref s, b * SequenceStride);");
            return scope;
        }

        private void EmitBatchForward()
        {
            writer.Line("/// <inheritdoc/>");
            OptimizeFully();
            using (writer.Block($"protected override void ForwardBlock(ref {t} p, ref {t} s, int count, int steps, bool fromZeroState, {Tokens} tokens)"))
            {
                foreach (BatchLayer layer in BatchLayers())
                    EmitBatchLayerForward(layer);
                writer.Line($"// The output layer: z_t = h_t·W_hy{(spec.Bias ? " + b_y" : "")}, ŷ_t = {OutputFormula}(z_t).");
                using (SequenceLoop())
                {
                    writer.Line($"{Kernels}.MatrixTimesMatrix(ref At(ref q, LogitSequence), Outputs, ref At(ref q, {TopBatchLayer.State} + StateSize), StateSize, steps, Hidden, ref At(ref p, Computation.OutputWeights), Outputs{(spec.Bias ? ", ref At(ref p, Computation.OutputBias)" : "")});");
                    if (spec.OutputActivation == Activation.Softmax)
                    {
                        writer.Line("for (int at = 0; at < steps * Outputs; at += Outputs)");
                        writer.Line($"    global::RnnGen.OutputLayer.Softmax<{t}>({Kernels}.Slice(ref q, LogitSequence + at, Outputs), {Kernels}.Slice(ref q, OutputSequence + at, Outputs));");
                    }
                    else
                    {
                        writer.Line($"{Kernels}.Activate<{ActivationOperator(spec.OutputActivation)}, {t}>(ref At(ref q, OutputSequence), ref At(ref q, LogitSequence), steps * Outputs);");
                    }
                }
            }
            writer.Line();
        }

        /// <summary>
        /// One layer of a block forward: the input part of every step of every sequence (from x_t, or from h_t of the
        /// layer below, which is complete for every step by then), then the recurrence step by step.
        /// </summary>
        private void EmitBatchLayerForward(BatchLayer layer)
        {
            string gates = GateWidthExpression;
            string bias = spec.Bias ? $", ref At(ref p, {layer.Parameter("HiddenBias")})" : "";
            string preActivations = layer.Region("PreActivationSequence");
            if (layer.Below is not null)
            {
                writer.Line($"// Layer {layer.Number}: the input part of every step of every sequence, h_t of layer {layer.Below.Number}·W_x^{layer.Number}{(spec.Bias ? " + bias" : "")}.");
                using (SequenceLoop())
                {
                    string addend = BiasAddend(layer, "HiddenBias");
                    writer.Line($"{BatchKernels}.RowsTimesMatrix<{ActivationOperator(Activation.Identity)}, {t}>(ref At(ref q, {preActivations}), {gates}, {addend},");
                    writer.Line($"    ref At(ref q, {layer.Below.State} + StateSize), StateSize, steps, Hidden, ref At(ref p, {layer.Parameter("InputWeights")}), {gates});");
                }
            }
            else
            {
                writer.Line($"// {(spec.Stacked ? "Layer 1: the" : "The")} input part of every step of every sequence, x_t·W_x{(spec.Bias ? " + bias" : "")}: a product for dense inputs, rows of W_x for tokens.");
                using (SequenceLoop())
                {
                    writer.Line("if (tokens.IsEmpty)");
                    writer.Line($"    {Kernels}.MatrixTimesMatrix(ref At(ref q, {preActivations}), {gates}, ref At(ref q, InputSequence), Inputs, steps, Inputs, ref At(ref p, {layer.Parameter("InputWeights")}), {gates}{bias});");
                    writer.Line("else");
                    writer.Indent();
                    using (writer.Block("for (int step = 0; step < steps; step++)"))
                    {
                        writer.Line($"{Kernels}.Copy(ref At(ref q, {preActivations} + (step * {gates})), ref At(ref p, {layer.Parameter("InputWeights")} + (tokens[(b * Steps) + step] * {gates})), {gates});");
                        if (spec.Bias)
                            writer.Line($"{Kernels}.Add(ref At(ref q, {preActivations} + (step * {gates})), ref At(ref p, {layer.Parameter("HiddenBias")}), {gates});");
                    }
                    writer.Unindent();
                }
            }
            writer.Line();
            string state = layer.State;
            string R(string name) => layer.Region(name);
            using (writer.Block("for (int step = 1; step <= steps; step++)"))
            {
                writer.Line("int recurrentRows = step == 1 && fromZeroState ? 0 : Hidden;   // h_0 = 0 contributes nothing");
                string previousStates = $"ref At(ref s, {state} + ((step - 1) * StateSize)), SequenceStride";
                switch (spec.Cell)
                {
                    case CellKind.Lstm:
                        writer.Line("// Pre-activations of the block's sequences += h_(t-1)·W_h, then the cell, sequence by sequence.");
                        writer.Line($"{BatchKernels}.RowsTimesMatrix<{ActivationOperator(Activation.Identity)}, {t}>(ref At(ref s, {preActivations} + ((step - 1) * {gates})), SequenceStride,");
                        writer.Line($"    ref At(ref s, {preActivations} + ((step - 1) * {gates})), SequenceStride, {previousStates}, count, recurrentRows, ref At(ref p, {layer.Parameter("RecurrentWeights")}), {gates});");
                        using (SequenceLoop())
                        {
                            writer.Line($"global::RnnGen.CellKernels.LstmForward(ref At(ref q, {preActivations} + ((step - 1) * {gates})), ref At(ref q, {state} + ((step - 1) * StateSize) + Hidden),");
                            writer.Line($"    ref At(ref q, {R("GateSequence")} + ((step - 1) * {gates})), ref At(ref q, {state} + (step * StateSize) + Hidden), ref At(ref q, {R("CellTanhSequence")} + ((step - 1) * Hidden)),");
                            writer.Line($"    ref At(ref q, {state} + (step * StateSize)), Hidden);");
                        }
                        break;
                    case CellKind.Gru:
                        writer.Line($"// The recurrent parts h_(t-1)·W_h{(spec.Bias ? " + b_h" : "")} of the block's sequences, then the cell, sequence by sequence.");
                        string recurrentBias = BiasAddend(layer, "RecurrentBias");
                        writer.Line($"{BatchKernels}.RowsTimesMatrix<{ActivationOperator(Activation.Identity)}, {t}>(ref At(ref s, {R("RecurrentPartSequence")} + ((step - 1) * {gates})), SequenceStride,");
                        writer.Line($"    {recurrentBias}, {previousStates}, count, recurrentRows, ref At(ref p, {layer.Parameter("RecurrentWeights")}), {gates});");
                        using (SequenceLoop())
                        {
                            writer.Line($"global::RnnGen.CellKernels.GruForward(ref At(ref q, {preActivations} + ((step - 1) * {gates})), ref At(ref q, {R("RecurrentPartSequence")} + ((step - 1) * {gates})),");
                            writer.Line($"    ref At(ref q, {state} + ((step - 1) * StateSize)), ref At(ref q, {R("GateSequence")} + ((step - 1) * {gates})), ref At(ref q, {R("CandidateRecurrentSequence")} + ((step - 1) * Hidden)),");
                            writer.Line($"    ref At(ref q, {state} + (step * StateSize)), Hidden);");
                        }
                        break;
                    default:
                        writer.Line($"// h_t = {HiddenFormula}(x_t·W_xh{(spec.Bias ? " + b_h" : "")} + h_(t-1)·W_hh) for the block's sequences, the activation in the product's epilogue.");
                        writer.Line($"{BatchKernels}.RowsTimesMatrix<{ActivationOperator(spec.HiddenActivation)}, {t}>(ref At(ref s, {state} + (step * StateSize)), SequenceStride,");
                        writer.Line($"    ref At(ref s, {preActivations} + ((step - 1) * Hidden)), SequenceStride, {previousStates}, count, recurrentRows, ref At(ref p, {layer.Parameter("RecurrentWeights")}), Hidden);");
                        break;
                }
            }
            writer.Line();
        }

        private void EmitBatchBackward()
        {
            BatchLayer top = TopBatchLayer;
            writer.Line("/// <inheritdoc/>");
            OptimizeFully();
            using (writer.Block($"protected override void BackwardBlock(ref {t} p, ref {t} shared, ref {t} s, int count, bool fromZeroState, {Tokens} tokens, global::System.Span<{t}> losses, ref {t} g)"))
            {
                writer.Line($"// Each sequence's loss and dL/dz_t, then the output layer's part of dL/dh_t = dz_t·W_hyᵀ for every step.");
                using (SequenceLoop())
                {
                    EmitLoss("q", (at, count) => Slice("q", "TargetSequence", at, count), "losses[b] =");
                    string outputRows = spec.Outputs == 1 ? "ref At(ref p, Computation.OutputWeights)" : "ref At(ref shared, OutputWeightsTransposed)";
                    writer.Line($"{Kernels}.MatrixTimesMatrix(ref At(ref q, {top.Region("HiddenGradientSequence")}), Hidden, ref At(ref q, OutputGradientSequence), Outputs, Steps, Outputs, {outputRows}, Hidden);");
                }
                writer.Line();
                if (spec.Stacked)
                {
                    writer.Line("int first = fromZeroState ? 2 : 1;   // h_0 = 0 adds nothing to dW_h");
                    writer.Line();
                }
                BatchLayer[] stack = BatchLayers();
                for (int l = stack.Length - 1; l >= 0; l--)
                    EmitBatchLayerBackward(stack[l]);
                if (spec.Outputs == 1)
                {
                    // One output: W_hy (Hidden × 1) has the layout of its transpose, so dW_hyᵀ = Σ dz_t·h_t runs as one
                    // row of Hidden columns (whole vectors) rather than Hidden rows of one column (scalars).
                    writer.Line("// dW_hy, stored like its transpose with one output: Σ dz_t·h_t over the block, a row of Hidden columns.");
                    writer.Line($"{BatchKernels}.AddTransposedProducts(ref At(ref g, Computation.OutputWeights), 1, Hidden, ref At(ref s, OutputGradientSequence), 1, SequenceStride, ref At(ref s, {top.State} + StateSize), StateSize, SequenceStride, Steps, count);");
                }
                else
                {
                    writer.Line($"{BatchKernels}.AddTransposedProducts(ref At(ref g, Computation.OutputWeights), Hidden, Outputs, ref At(ref s, {top.State} + StateSize), StateSize, SequenceStride, ref At(ref s, OutputGradientSequence), Outputs, SequenceStride, Steps, count);");
                }
                if (spec.Bias)
                {
                    using (SequenceLoop())
                    {
                        foreach (BatchLayer layer in stack)
                        {
                            writer.Line($"{Kernels}.AddRows(ref At(ref g, {layer.Parameter("HiddenBias")}), ref At(ref q, {layer.Region("PreActivationGradientSequence")}), {GateWidthExpression}, Steps, {GateWidthExpression});");
                            if (spec.Cell == CellKind.Gru)
                                writer.Line($"{Kernels}.AddRows(ref At(ref g, {layer.Parameter("RecurrentBias")}), ref At(ref q, {layer.Region("RecurrentGradientSequence")}), {GateWidthExpression}, Steps, {GateWidthExpression});");
                        }
                        writer.Line($"{Kernels}.AddRows(ref At(ref g, Computation.OutputBias), ref At(ref q, OutputGradientSequence), Outputs, Steps, Outputs);");
                    }
                }
            }
        }

        /// <summary>
        /// One layer of a block backward, once dL/dh_t of every step has arrived from above (the output layer, or the
        /// layer above): the recurrence in reverse, the layer's weight gradients, and dL/dx_t = d_t·W_xᵀ for the layer below.
        /// </summary>
        /// <summary>The addend arguments of a <c>BatchKernels.RowsTimesMatrix</c> call that adds nothing.</summary>
        private string NoAddend => $"ref global::System.Runtime.CompilerServices.Unsafe.NullRef<{t}>(), 0";

        /// <summary>The addend arguments that add a bias block to every row (stride 0), or nothing without a bias.</summary>
        private string BiasAddend(BatchLayer layer, string bias) => spec.Bias ? $"ref At(ref p, {layer.Parameter(bias)}), 0" : NoAddend;

        private void EmitBatchLayerBackward(BatchLayer layer)
        {
            string gates = GateWidthExpression;
            string identity = ActivationOperator(Activation.Identity);
            string state = layer.State;
            string R(string name) => layer.Region(name);
            string laterRegion = R(spec.Cell == CellKind.Gru ? "RecurrentGradientSequence" : "PreActivationGradientSequence");
            if (spec.Stacked)
                writer.Line($"// ---- Layer {layer.Number} backwards. ----");
            using (writer.Block("for (int step = Steps; step >= 1; step--)"))
            {
                writer.Line($"// dh_t += d_(t+1)·W_hᵀ for the block's sequences, then the cell backwards, sequence by sequence.");
                writer.Line("if (step < Steps)");
                writer.Line($"    {BatchKernels}.RowsTimesMatrix<{identity}, {t}>(ref At(ref s, {R("HiddenGradientSequence")} + ((step - 1) * Hidden)), SequenceStride, ref At(ref s, {R("HiddenGradientSequence")} + ((step - 1) * Hidden)), SequenceStride,");
                writer.Line($"        ref At(ref s, {laterRegion} + (step * {gates})), SequenceStride, count, {gates}, ref At(ref shared, {R("RecurrentWeightsTransposed")}), Hidden);");
                using (SequenceLoop())
                {
                    switch (spec.Cell)
                    {
                        case CellKind.Lstm:
                            writer.Line($"global::RnnGen.CellKernels.LstmBackward(ref At(ref q, {R("HiddenGradientSequence")} + ((step - 1) * Hidden)), ref At(ref q, {R("GateSequence")} + ((step - 1) * 4 * Hidden)), ref At(ref q, {R("CellTanhSequence")} + ((step - 1) * Hidden)),");
                            writer.Line($"    ref At(ref q, {state} + ((step - 1) * StateSize) + Hidden), ref At(ref q, {R("CellGradientSequence")} + (step * Hidden)), ref At(ref q, {R("GateSequence")} + (step * 4 * Hidden)), step < Steps,");
                            writer.Line($"    ref At(ref q, {R("CellGradientSequence")} + ((step - 1) * Hidden)), ref At(ref q, {R("PreActivationGradientSequence")} + ((step - 1) * 4 * Hidden)), Hidden);");
                            break;
                        case CellKind.Gru:
                            writer.Line($"global::RnnGen.CellKernels.GruBackward(ref At(ref q, {R("HiddenGradientSequence")} + ((step - 1) * Hidden)), ref At(ref q, {R("GateSequence")} + ((step - 1) * 3 * Hidden)), ref At(ref q, {R("CandidateRecurrentSequence")} + ((step - 1) * Hidden)),");
                            writer.Line($"    ref At(ref q, {state} + ((step - 1) * StateSize)), ref At(ref q, {R("HiddenGradientSequence")} + (step * Hidden)), ref At(ref q, {R("GateSequence")} + (step * 3 * Hidden)), step < Steps,");
                            writer.Line($"    ref At(ref q, {R("PreActivationGradientSequence")} + ((step - 1) * 3 * Hidden)), ref At(ref q, {R("RecurrentGradientSequence")} + ((step - 1) * 3 * Hidden)), Hidden);");
                            break;
                        default:
                            writer.Line($"{Kernels}.MultiplyByDerivative<{ActivationOperator(spec.HiddenActivation)}, {t}>(ref At(ref q, {R("PreActivationGradientSequence")} + ((step - 1) * Hidden)), ref At(ref q, {R("HiddenGradientSequence")} + ((step - 1) * Hidden)),");
                            writer.Line($"    ref At(ref q, {state} + (step * StateSize)), Hidden);");
                            break;
                    }
                }
            }
            writer.Line();
            if (layer.Below is not null)
            {
                writer.Line($"// dL/dh_t of layer {layer.Below.Number} = d_t·W_x^{layer.Number}ᵀ for every step: where its backward pass starts.");
                using (SequenceLoop())
                {
                    writer.Line($"{BatchKernels}.RowsTimesMatrix<{ActivationOperator(Activation.Identity)}, {t}>(ref At(ref q, {layer.Below.Region("HiddenGradientSequence")}), Hidden,");
                    writer.Line($"    {NoAddend}, ref At(ref q, {R("PreActivationGradientSequence")}), {gates}, Steps, {gates}, ref At(ref shared, {R("InputWeightsTransposed")}), Hidden);");
                }
                writer.Line();
            }
            if (spec.Stacked)
                writer.Line($"// The weight gradients of layer {layer.Number}, each a sum over every step of every sequence of the block.");
            else
            {
                writer.Line("// The weight gradients, each a sum over every step of every sequence of the block; h_0 = 0 adds nothing to dW_h.");
                writer.Line("int first = fromZeroState ? 2 : 1;");
            }
            writer.Line($"{BatchKernels}.AddTransposedProducts(ref At(ref g, {layer.Parameter("RecurrentWeights")}), Hidden, {gates}, ref At(ref s, {state} + ((first - 1) * StateSize)), StateSize, SequenceStride,");
            writer.Line($"    ref At(ref s, {laterRegion} + ((first - 1) * {gates})), {gates}, SequenceStride, Steps - first + 1, count);");
            if (layer.Below is not null)
            {
                writer.Line($"{BatchKernels}.AddTransposedProducts(ref At(ref g, {layer.Parameter("InputWeights")}), Hidden, {gates}, ref At(ref s, {layer.Below.State} + StateSize), StateSize, SequenceStride, ref At(ref s, {R("PreActivationGradientSequence")}), {gates}, SequenceStride, Steps, count);");
                writer.Line();
                return;
            }
            writer.Line("if (tokens.IsEmpty)");
            writer.Line($"    {BatchKernels}.AddTransposedProducts(ref At(ref g, {layer.Parameter("InputWeights")}), Inputs, {gates}, ref At(ref s, InputSequence), Inputs, SequenceStride, ref At(ref s, {R("PreActivationGradientSequence")}), {gates}, SequenceStride, Steps, count);");
            writer.Line("else");
            writer.Indent();
            using (writer.Block("for (int b = 0; b < count; b++)"))
            {
                writer.Line("for (int step = 0; step < Steps; step++)");
                writer.Line($"    {Kernels}.Add(ref At(ref g, {layer.Parameter("InputWeights")} + (tokens[(b * Steps) + step] * {gates})), ref At(ref s, (b * SequenceStride) + {R("PreActivationGradientSequence")} + (step * {gates})), {gates});");
            }
            writer.Unindent();
            if (spec.Stacked)
                writer.Line();
        }
    }
}
