using System.Collections.Generic;
using RnnGen.Generators.Model;

namespace RnnGen.Generators;

public sealed partial class RecurrentNetworkGenerator
{
    internal sealed partial class Emitter
    {
        /// <summary>
        /// One recurrent layer as the emitter writes it. A single-layer network's code uses the class constants
        /// (<c>Inputs</c>, <c>StateSize</c>) and names its blocks and regions directly in <c>Computation</c>; with stacked
        /// layers each layer's offsets and methods go into a nested class <c>Layer1</c>, <c>Layer2</c>, … of
        /// <c>Computation</c>, where the same method bodies read that layer's constants, so layer l is written as a
        /// one-layer network whose inputs are h_t of layer l − 1.
        /// </summary>
        private sealed class LayerContext
        {
            public LayerContext(NetworkSpec spec, int number)
            {
                Number = number;
                Stacked = spec.Stacked;
                IsFirst = number == 1;
                IsLast = number == spec.Layers;
                InputWidth = IsFirst ? spec.Inputs : spec.Hidden;
                InputStride = IsFirst ? spec.Inputs : spec.LayerStateSize;
            }

            /// <summary>1-based, as in API.md section 7.</summary>
            public int Number { get; }

            public bool Stacked { get; }

            /// <summary>The layer that reads x_t, dense or tokens.</summary>
            public bool IsFirst { get; }

            /// <summary>The layer the output layer reads.</summary>
            public bool IsLast { get; }

            /// <summary>Length of the layer's input: the network's inputs for the first layer, H above it.</summary>
            public int InputWidth { get; }

            /// <summary>Distance from x_t to x_{t+1} in the workspace: above the first layer, the state size of the layer below.</summary>
            public int InputStride { get; }

            public string ClassName => $"Layer{Number}";

            /// <summary>The constant holding <see cref="InputWidth"/> in emitted code.</summary>
            public string InputWidthName => Stacked ? "InputWidth" : "Inputs";

            /// <summary>The constant holding <see cref="InputStride"/> in emitted code.</summary>
            public string InputStrideName => Stacked ? "InputStride" : "Inputs";

            /// <summary>A member of the layer as code outside its class names it (inside <c>Computation</c>).</summary>
            public string Member(string name) => Stacked ? $"{ClassName}.{name}" : name;
        }

        /// <summary>The layer whose code is being written; a single-layer network's only layer outside its code.</summary>
        private LayerContext layer;

        private readonly LayerContext[] layers;

        private LayerContext FirstLayer => layers[0];

        private LayerContext LastLayer => layers[layers.Length - 1];

        private static LayerContext[] CreateLayers(NetworkSpec spec)
        {
            var contexts = new LayerContext[spec.Layers];
            for (int number = 1; number <= spec.Layers; number++)
                contexts[number - 1] = new LayerContext(spec, number);
            return contexts;
        }

        /// <summary>The constant for one layer's state size in emitted code: the class's <c>StateSize</c> when there is one layer.</summary>
        private string StateSizeName => spec.Stacked ? "LayerStateSize" : "StateSize";

        /// <summary>A method or constant of the current layer as code in <c>Computation</c> or the network class names it (after <c>Computation.</c>).</summary>
        private string InLayer(string name) => layer.Member(name);

        /// <summary>How formulas in comments name a layer's parameters: <c>W_h</c>, or <c>W_h^2</c> in layer 2 of a stack.</summary>
        private string Symbol(string name) => layer.Stacked ? $"{name}^{layer.Number}" : name;

        // ---- Stacked layers: the shared offsets, the state helpers and each layer's class. ----

        /// <summary>Computation of a stacked network: shared offsets and helpers, the output layer, then a class per layer.</summary>
        private void EmitStackedComputation()
        {
            EmitStackedOffsets();
            EmitAtHelper();
            EmitStackedTransposeWeights();
            EmitStateHelpers();
            EmitOutputLayer();
            EmitOutputWrittenOutProducts();
            foreach (LayerContext context in layers)
            {
                layer = context;
                writer.Line($"/// <summary>{LayerSummary()}</summary>");
                using (writer.Block($"public static class {layer.ClassName}"))
                {
                    EmitLayerOffsets();
                    EmitInputProjection();
                    if (!layer.IsFirst)
                        EmitInputGradientForLayerBelow();
                    EmitLayerWrittenOutProducts();
                    EmitCellSteps();
                }
                if (!layer.IsLast)
                    writer.Line();
            }
            layer = LastLayer;
        }

        private string LayerSummary()
        {
            string reads = layer.IsFirst ? "reads x_t" : $"reads h_t of layer {layer.Number - 1}";
            string feeds = layer.IsLast ? "the output layer reads its h_t" : $"layer {layer.Number + 1} reads its h_t";
            return $"Layer {layer.Number} of {spec.Layers}: {reads}; {feeds}.";
        }

        private void EmitStackedOffsets()
        {
            writer.Line("// The output layer's parameter blocks (API.md section 7); each layer's blocks are in its class below.");
            writer.Line($"public const int OutputWeights = {Number(layout.OutputWeights.Offset)};{Pad("OutputWeights", layout.OutputWeights.Offset)}// W_hy [{layout.OutputWeights.Rows} x {layout.OutputWeights.Columns}]");
            if (layout.OutputBias.Length > 0)
                writer.Line($"public const int OutputBias = {Number(layout.OutputBias.Offset)};{Pad("OutputBias", layout.OutputBias.Offset)}// b_y [1 x {layout.OutputBias.Columns}]");
            writer.Line();
            writer.Line("// Length of one layer's state, " + (spec.Cell == CellKind.Lstm ? "h then c" : "h") + "; the network's state holds every layer's in layer order.");
            writer.Line($"public const int LayerStateSize = {Number(spec.LayerStateSize)};");
            writer.Line();
            writer.Line("// Workspace regions of the output layer; each layer's regions are in its class below.");
            EmitRegions(workspace.RegionsOf(0));
            writer.Line($"public const int WorkspaceSize = {Number(workspace.Size)};");
            writer.Line();
        }

        private void EmitLayerOffsets()
        {
            writer.Line($"// Parameter blocks of layer {layer.Number} (API.md section 7): offsets into Parameters and Gradients, row-major.");
            foreach ((string name, string symbol, ParameterBlock block) in LayerParameterBlocks())
                writer.Line($"public const int {name} = {Number(block.Offset)};{Pad(name, block.Offset)}// {symbol} [{block.Rows} x {block.Columns}]");
            writer.Line();
            writer.Line(layer.IsFirst
                ? "// The layer's input x_t: the network's inputs."
                : $"// The layer's input x_t: h_t of layer {layer.Number - 1}, read where that layer keeps it (from its h_1, every LayerStateSize elements).");
            writer.Line($"public const int InputWidth = {(layer.IsFirst ? "Inputs" : "Hidden")};");
            writer.Line($"public const int InputStride = {(layer.IsFirst ? "Inputs" : "LayerStateSize")};");
            if (!layer.IsFirst)
                writer.Line($"public const int InputSequence = Layer{layer.Number - 1}.StateSequence + LayerStateSize;");
            writer.Line();
            writer.Line($"// Workspace regions of layer {layer.Number}.");
            EmitRegions(workspace.RegionsOf(layer.Number));
            writer.Line();
        }

        /// <summary>The current layer's blocks, named as in a single-layer network.</summary>
        private IEnumerable<(string Name, string Symbol, ParameterBlock Block)> LayerParameterBlocks()
        {
            bool gated = spec.Cell != CellKind.Elman;
            LayerParameterBlocks blocks = layout.Layer(layer.Number);
            yield return ("InputWeights", Symbol(gated ? "W_x" : "W_xh"), blocks.InputWeights);
            yield return ("RecurrentWeights", Symbol(gated ? "W_h" : "W_hh"), blocks.RecurrentWeights);
            if (blocks.HiddenBias.Length > 0)
                yield return ("HiddenBias", Symbol(spec.Cell switch { CellKind.Lstm => "b", CellKind.Gru => "b_x", _ => "b_h" }), blocks.HiddenBias);
            if (blocks.RecurrentBias.Length > 0)
                yield return ("RecurrentBias", Symbol("b_h"), blocks.RecurrentBias);
        }

        private void EmitStackedTransposeWeights()
        {
            writer.Line("/// <summary>Every layer's W_h and, above the first, W_x transposed (and W_hy when there is more than one output), so every backward product runs along contiguous rows.</summary>");
            using (writer.Block($"public static void TransposeWeights(ref {t} p, ref {t} w)"))
            {
                foreach (LayerContext context in layers)
                {
                    string name = context.ClassName;
                    writer.Line($"{Kernels}.Transpose(ref At(ref w, {name}.RecurrentWeightsTransposed), ref At(ref p, {name}.RecurrentWeights), Hidden, {GateWidthExpression});");
                    if (!context.IsFirst)
                        writer.Line($"{Kernels}.Transpose(ref At(ref w, {name}.InputWeightsTransposed), ref At(ref p, {name}.InputWeights), Hidden, {GateWidthExpression});");
                }
                if (spec.Outputs > 1)
                    writer.Line($"{Kernels}.Transpose(ref At(ref w, OutputWeightsTransposed), ref At(ref p, OutputWeights), Hidden, Outputs);");
            }
            writer.Line();
        }

        /// <summary>The state API.md section 7 defines, every layer's in layer order, against each layer's slot in the workspace.</summary>
        private void EmitStateHelpers()
        {
            writer.Line("/// <summary>Puts <paramref name=\"state\"/> (every layer's, in layer order) into each layer's slot before step 1.</summary>");
            using (writer.Block($"public static void LoadStates(global::System.ReadOnlySpan<{t}> state, global::System.Span<{t}> w)"))
            {
                foreach (LayerContext context in layers)
                    writer.Line($"state.Slice({StateOffset(context)}, LayerStateSize).CopyTo(w.Slice({context.ClassName}.StateSequence, LayerStateSize));");
            }
            writer.Line();
            writer.Line("/// <summary>Sets every layer's state before step 1 to zero.</summary>");
            using (writer.Block($"public static void ClearStates(global::System.Span<{t}> w)"))
            {
                foreach (LayerContext context in layers)
                    writer.Line($"w.Slice({context.ClassName}.StateSequence, LayerStateSize).Clear();");
            }
            writer.Line();
            writer.Line("/// <summary>Writes every layer's state after step <paramref name=\"step\"/> into <paramref name=\"state\"/>, in layer order.</summary>");
            using (writer.Block($"public static void StoreStates(global::System.ReadOnlySpan<{t}> w, int step, global::System.Span<{t}> state)"))
            {
                foreach (LayerContext context in layers)
                    writer.Line($"w.Slice({context.ClassName}.StateSequence + (step * LayerStateSize), LayerStateSize).CopyTo(state.Slice({StateOffset(context)}, LayerStateSize));");
            }
            writer.Line();
        }

        private static string StateOffset(LayerContext context) => context.Number switch
        {
            1 => "0",
            2 => "LayerStateSize",
            _ => $"{Number(context.Number - 1)} * LayerStateSize",
        };

        /// <summary>
        /// Above the first layer: dL/dx_t = d_t·W_xᵀ for every step at once, the gradient of this layer's input, h_t of
        /// the layer below, which that layer's backward pass starts from.
        /// </summary>
        private void EmitInputGradientForLayerBelow()
        {
            writer.Line($"/// <summary>dL/dx_t = d_t·{Symbol("W_x")}ᵀ for every step, into layer {layer.Number - 1}'s UpperGradientSequence: x_t is its h_t, and its backward pass starts from it.</summary>");
            using (writer.Block($"public static void WriteGradientForLayerBelow(ref {t} w)"))
            {
                writer.Line($"{Kernels}.MatrixTimesMatrix(ref At(ref w, Layer{layer.Number - 1}.UpperGradientSequence), Hidden, ref At(ref w, PreActivationGradientSequence), {GateWidthExpression}, Steps, {GateWidthExpression},");
                writer.Line($"    ref At(ref w, InputWeightsTransposed), Hidden);");
            }
            writer.Line();
        }

        /// <summary>The network's state is in the workspace before step 1: the stacked layers' slots, or the single layer's.</summary>
        private string ClearStateStatement => spec.Stacked
            ? "Computation.ClearStates(workspace.Span);"
            : $"{WorkspaceSlice("Computation.StateSequence", "StateSize")}.Clear();";

        private string LoadStateStatement(string state) => spec.Stacked
            ? $"Computation.LoadStates({state}, workspace.Span);"
            : $"{state}.CopyTo({WorkspaceSlice("Computation.StateSequence", "StateSize")});";

        private string StoreStateStatement(string step, string state) => spec.Stacked
            ? $"Computation.StoreStates(workspace.Span, {step}, {state});"
            : $"{WorkspaceSlice(step == "1" ? "Computation.StateSequence + StateSize" : $"Computation.StateSequence + ({step} * StateSize)", "StateSize")}.CopyTo({state});";
    }
}
