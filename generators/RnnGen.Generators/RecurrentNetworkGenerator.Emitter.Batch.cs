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

        private void BatchCall(string signature, string call)
        {
            writer.Line("/// <inheritdoc/>");
            writer.Line($"{signature} => Batch().{call};");
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

        private void EmitBatchPrepare()
        {
            writer.Line("/// <inheritdoc/>");
            OptimizeFully();
            using (writer.Block($"protected override void PrepareBackward(ref {t} p, ref {t} shared)"))
            {
                writer.Line($"{Kernels}.Transpose(ref At(ref shared, RecurrentWeightsTransposed), ref At(ref p, Computation.RecurrentWeights), Hidden, {GateWidthExpression});");
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
            string gates = GateWidthExpression;
            string bias = spec.Bias ? ", ref At(ref p, Computation.HiddenBias)" : "";
            writer.Line("/// <inheritdoc/>");
            OptimizeFully();
            using (writer.Block($"protected override void ForwardBlock(ref {t} p, ref {t} s, int count, int steps, bool fromZeroState, {Tokens} tokens)"))
            {
                writer.Line($"// The input part of every step of every sequence, x_t·W_x{(spec.Bias ? " + bias" : "")}: a product for dense inputs, rows of W_x for tokens.");
                using (SequenceLoop())
                {
                    writer.Line("if (tokens.IsEmpty)");
                    writer.Line($"    {Kernels}.MatrixTimesMatrix(ref At(ref q, PreActivationSequence), {gates}, ref At(ref q, InputSequence), Inputs, steps, Inputs, ref At(ref p, Computation.InputWeights), {gates}{bias});");
                    writer.Line("else");
                    writer.Indent();
                    using (writer.Block("for (int step = 0; step < steps; step++)"))
                    {
                        writer.Line($"{Kernels}.Copy(ref At(ref q, PreActivationSequence + (step * {gates})), ref At(ref p, Computation.InputWeights + (tokens[(b * Steps) + step] * {gates})), {gates});");
                        if (spec.Bias)
                            writer.Line($"{Kernels}.Add(ref At(ref q, PreActivationSequence + (step * {gates})), ref At(ref p, Computation.HiddenBias), {gates});");
                    }
                    writer.Unindent();
                }
                writer.Line();
                using (writer.Block("for (int step = 1; step <= steps; step++)"))
                {
                    writer.Line("int recurrentRows = step == 1 && fromZeroState ? 0 : Hidden;   // h_0 = 0 contributes nothing");
                    string previousStates = "ref At(ref s, StateSequence + ((step - 1) * StateSize)), SequenceStride";
                    switch (spec.Cell)
                    {
                        case CellKind.Lstm:
                            writer.Line("// Pre-activations of the block's sequences += h_(t-1)·W_h, then the cell, sequence by sequence.");
                            writer.Line($"{BatchKernels}.RowsTimesMatrix<{ActivationOperator(Activation.Identity)}, {t}>(ref At(ref s, PreActivationSequence + ((step - 1) * {gates})), SequenceStride,");
                            writer.Line($"    ref At(ref s, PreActivationSequence + ((step - 1) * {gates})), SequenceStride, {previousStates}, count, recurrentRows, ref At(ref p, Computation.RecurrentWeights), {gates});");
                            using (SequenceLoop())
                            {
                                writer.Line($"global::RnnGen.CellKernels.LstmForward(ref At(ref q, PreActivationSequence + ((step - 1) * {gates})), ref At(ref q, StateSequence + ((step - 1) * StateSize) + Hidden),");
                                writer.Line($"    ref At(ref q, GateSequence + ((step - 1) * {gates})), ref At(ref q, StateSequence + (step * StateSize) + Hidden), ref At(ref q, CellTanhSequence + ((step - 1) * Hidden)),");
                                writer.Line("    ref At(ref q, StateSequence + (step * StateSize)), Hidden);");
                            }
                            break;
                        case CellKind.Gru:
                            writer.Line($"// The recurrent parts h_(t-1)·W_h{(spec.Bias ? " + b_h" : "")} of the block's sequences, then the cell, sequence by sequence.");
                            string recurrentBias = spec.Bias ? "ref At(ref p, Computation.RecurrentBias), 0" : $"ref global::System.Runtime.CompilerServices.Unsafe.NullRef<{t}>(), 0";
                            writer.Line($"{BatchKernels}.RowsTimesMatrix<{ActivationOperator(Activation.Identity)}, {t}>(ref At(ref s, RecurrentPartSequence + ((step - 1) * {gates})), SequenceStride,");
                            writer.Line($"    {recurrentBias}, {previousStates}, count, recurrentRows, ref At(ref p, Computation.RecurrentWeights), {gates});");
                            using (SequenceLoop())
                            {
                                writer.Line($"global::RnnGen.CellKernels.GruForward(ref At(ref q, PreActivationSequence + ((step - 1) * {gates})), ref At(ref q, RecurrentPartSequence + ((step - 1) * {gates})),");
                                writer.Line($"    ref At(ref q, StateSequence + ((step - 1) * StateSize)), ref At(ref q, GateSequence + ((step - 1) * {gates})), ref At(ref q, CandidateRecurrentSequence + ((step - 1) * Hidden)),");
                                writer.Line("    ref At(ref q, StateSequence + (step * StateSize)), Hidden);");
                            }
                            break;
                        default:
                            writer.Line($"// h_t = {HiddenFormula}(x_t·W_xh{(spec.Bias ? " + b_h" : "")} + h_(t-1)·W_hh) for the block's sequences, the activation in the product's epilogue.");
                            writer.Line($"{BatchKernels}.RowsTimesMatrix<{ActivationOperator(spec.HiddenActivation)}, {t}>(ref At(ref s, StateSequence + (step * StateSize)), SequenceStride,");
                            writer.Line($"    ref At(ref s, PreActivationSequence + ((step - 1) * Hidden)), SequenceStride, {previousStates}, count, recurrentRows, ref At(ref p, Computation.RecurrentWeights), Hidden);");
                            break;
                    }
                }
                writer.Line();
                writer.Line($"// The output layer: z_t = h_t·W_hy{(spec.Bias ? " + b_y" : "")}, ŷ_t = {OutputFormula}(z_t).");
                using (SequenceLoop())
                {
                    writer.Line($"{Kernels}.MatrixTimesMatrix(ref At(ref q, LogitSequence), Outputs, ref At(ref q, StateSequence + StateSize), StateSize, steps, Hidden, ref At(ref p, Computation.OutputWeights), Outputs{(spec.Bias ? ", ref At(ref p, Computation.OutputBias)" : "")});");
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

        private void EmitBatchBackward()
        {
            string gates = GateWidthExpression;
            string identity = ActivationOperator(Activation.Identity);
            writer.Line("/// <inheritdoc/>");
            OptimizeFully();
            using (writer.Block($"protected override void BackwardBlock(ref {t} p, ref {t} shared, ref {t} s, int count, bool fromZeroState, {Tokens} tokens, global::System.Span<{t}> losses, ref {t} g)"))
            {
                writer.Line($"// Each sequence's loss and dL/dz_t, then the output layer's part of dL/dh_t = dz_t·W_hyᵀ for every step.");
                using (SequenceLoop())
                {
                    EmitLoss("q", (at, count) => Slice("q", "TargetSequence", at, count), "losses[b] =");
                    string outputRows = spec.Outputs == 1 ? "ref At(ref p, Computation.OutputWeights)" : "ref At(ref shared, OutputWeightsTransposed)";
                    writer.Line($"{Kernels}.MatrixTimesMatrix(ref At(ref q, HiddenGradientSequence), Hidden, ref At(ref q, OutputGradientSequence), Outputs, Steps, Outputs, {outputRows}, Hidden);");
                }
                writer.Line();
                string laterRegion = spec.Cell == CellKind.Gru ? "RecurrentGradientSequence" : "PreActivationGradientSequence";
                using (writer.Block("for (int step = Steps; step >= 1; step--)"))
                {
                    writer.Line($"// dh_t += d_(t+1)·W_hᵀ for the block's sequences, then the cell backwards, sequence by sequence.");
                    writer.Line("if (step < Steps)");
                    writer.Line($"    {BatchKernels}.RowsTimesMatrix<{identity}, {t}>(ref At(ref s, HiddenGradientSequence + ((step - 1) * Hidden)), SequenceStride, ref At(ref s, HiddenGradientSequence + ((step - 1) * Hidden)), SequenceStride,");
                    writer.Line($"        ref At(ref s, {laterRegion} + (step * {gates})), SequenceStride, count, {gates}, ref At(ref shared, RecurrentWeightsTransposed), Hidden);");
                    using (SequenceLoop())
                    {
                        switch (spec.Cell)
                        {
                            case CellKind.Lstm:
                                writer.Line("global::RnnGen.CellKernels.LstmBackward(ref At(ref q, HiddenGradientSequence + ((step - 1) * Hidden)), ref At(ref q, GateSequence + ((step - 1) * 4 * Hidden)), ref At(ref q, CellTanhSequence + ((step - 1) * Hidden)),");
                                writer.Line("    ref At(ref q, StateSequence + ((step - 1) * StateSize) + Hidden), ref At(ref q, CellGradientSequence + (step * Hidden)), ref At(ref q, GateSequence + (step * 4 * Hidden)), step < Steps,");
                                writer.Line("    ref At(ref q, CellGradientSequence + ((step - 1) * Hidden)), ref At(ref q, PreActivationGradientSequence + ((step - 1) * 4 * Hidden)), Hidden);");
                                break;
                            case CellKind.Gru:
                                writer.Line("global::RnnGen.CellKernels.GruBackward(ref At(ref q, HiddenGradientSequence + ((step - 1) * Hidden)), ref At(ref q, GateSequence + ((step - 1) * 3 * Hidden)), ref At(ref q, CandidateRecurrentSequence + ((step - 1) * Hidden)),");
                                writer.Line("    ref At(ref q, StateSequence + ((step - 1) * StateSize)), ref At(ref q, HiddenGradientSequence + (step * Hidden)), ref At(ref q, GateSequence + (step * 3 * Hidden)), step < Steps,");
                                writer.Line("    ref At(ref q, PreActivationGradientSequence + ((step - 1) * 3 * Hidden)), ref At(ref q, RecurrentGradientSequence + ((step - 1) * 3 * Hidden)), Hidden);");
                                break;
                            default:
                                writer.Line($"{Kernels}.MultiplyByDerivative<{ActivationOperator(spec.HiddenActivation)}, {t}>(ref At(ref q, PreActivationGradientSequence + ((step - 1) * Hidden)), ref At(ref q, HiddenGradientSequence + ((step - 1) * Hidden)),");
                                writer.Line("    ref At(ref q, StateSequence + (step * StateSize)), Hidden);");
                                break;
                        }
                    }
                }
                writer.Line();
                writer.Line("// The weight gradients, each a sum over every step of every sequence of the block; h_0 = 0 adds nothing to dW_h.");
                writer.Line("int first = fromZeroState ? 2 : 1;");
                writer.Line($"{BatchKernels}.AddTransposedProducts(ref At(ref g, Computation.RecurrentWeights), Hidden, {gates}, ref At(ref s, StateSequence + ((first - 1) * StateSize)), StateSize, SequenceStride,");
                writer.Line($"    ref At(ref s, {laterRegion} + ((first - 1) * {gates})), {gates}, SequenceStride, Steps - first + 1, count);");
                writer.Line("if (tokens.IsEmpty)");
                writer.Line($"    {BatchKernels}.AddTransposedProducts(ref At(ref g, Computation.InputWeights), Inputs, {gates}, ref At(ref s, InputSequence), Inputs, SequenceStride, ref At(ref s, PreActivationGradientSequence), {gates}, SequenceStride, Steps, count);");
                writer.Line("else");
                writer.Indent();
                using (writer.Block("for (int b = 0; b < count; b++)"))
                {
                    writer.Line("for (int step = 0; step < Steps; step++)");
                    writer.Line($"    {Kernels}.Add(ref At(ref g, Computation.InputWeights + (tokens[(b * Steps) + step] * {gates})), ref At(ref s, (b * SequenceStride) + PreActivationGradientSequence + (step * {gates})), {gates});");
                }
                writer.Unindent();
                writer.Line($"{BatchKernels}.AddTransposedProducts(ref At(ref g, Computation.OutputWeights), Hidden, Outputs, ref At(ref s, StateSequence + StateSize), StateSize, SequenceStride, ref At(ref s, OutputGradientSequence), Outputs, SequenceStride, Steps, count);");
                if (spec.Bias)
                {
                    using (SequenceLoop())
                    {
                        writer.Line($"{Kernels}.AddRows(ref At(ref g, Computation.HiddenBias), ref At(ref q, PreActivationGradientSequence), {gates}, Steps, {gates});");
                        if (spec.Cell == CellKind.Gru)
                            writer.Line($"{Kernels}.AddRows(ref At(ref g, Computation.RecurrentBias), ref At(ref q, RecurrentGradientSequence), {gates}, Steps, {gates});");
                        writer.Line($"{Kernels}.AddRows(ref At(ref g, Computation.OutputBias), ref At(ref q, OutputGradientSequence), Outputs, Steps, Outputs);");
                    }
                }
            }
        }
    }
}
