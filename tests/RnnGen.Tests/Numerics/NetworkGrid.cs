using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Reflection;
using System.Text;
using RnnGen.Tests.Generator;
using Xunit;

namespace RnnGen.Tests.Numerics;

/// <summary>One network of the test grid: a declaration compiled in-process by the generator.</summary>
public sealed record GridCase(string Name, CellKind Cell, int Inputs, int Hidden, int Outputs, int Steps,
    Activation HiddenActivation, Activation OutputActivation, LossKind Loss, bool Bias, Unroll Unroll, LossReduction Reduction, int Layers = 1)
{
    public NetworkShape Shape => new(Cell, Inputs, Hidden, Outputs, Steps, Bias, HiddenActivation, OutputActivation, Loss, Layers) { LossReduction = Reduction };

    public string Declaration =>
        $"[RecurrentNetwork({Inputs}, {Hidden}, {Outputs}, {Steps}, Cell = CellKind.{Cell}, "
        + (Layers != 1 ? $"Layers = {Layers}, " : "")
        + (Cell == CellKind.Elman ? $"HiddenActivation = Activation.{HiddenActivation}, " : "")
        + $"OutputActivation = Activation.{OutputActivation}, Loss = LossKind.{Loss}, LossReduction = LossReduction.{Reduction}, "
        + $"Bias = {(Bias ? "true" : "false")}, Unroll = Unroll.{Unroll})]\n"
        + $"public partial class {Name}<T> where T : IFloatingPointIeee754<T>;\n";

    public override string ToString() => Name;
}

/// <summary>
/// The grid every numeric test runs over: for Elman, every hidden activation × every output activation and loss × bias
/// on/off × both unroll modes on one shape, plus a rotation of the same settings over shapes chosen to exercise every
/// SIMD path (a single unit; 17, 10 and 9 units, which leave a remainder after whole vectors; one and several outputs);
/// for LSTM and GRU, every output activation and loss × bias × unroll mode, and the rotation. The rotations also take
/// the loss as a mean over the steps (<see cref="LossReduction.Mean"/>) in a third of their cases. For every cell,
/// stacks of two and three layers go over a rotation of the same settings in both unroll modes.
/// All of it is compiled once, in memory, by the generator itself.
/// </summary>
public static class NetworkGrid
{
    private static readonly (Activation Output, LossKind Loss)[] outputsAndLosses =
    {
        (Activation.Sigmoid, LossKind.SquaredError), (Activation.Tanh, LossKind.SquaredError),
        (Activation.Identity, LossKind.SquaredError), (Activation.Softmax, LossKind.SquaredError),
        (Activation.Sigmoid, LossKind.CrossEntropy), (Activation.Softmax, LossKind.CrossEntropy),
    };

    private static readonly Activation[] hiddenActivations = { Activation.Sigmoid, Activation.Tanh, Activation.Relu, Activation.Identity };

    /// <summary>The shapes of the grid for which <see cref="Unroll.Auto"/> writes out one step in a loop (the names are left empty); declared before <see cref="Cases"/>, which reads it.</summary>
    public static readonly IReadOnlyList<GridCase> StepsInLoopShapes = new[]
    {
        // 61 × (11 + 1 + 9 + 10) = 1,891 written-out terms, past the budget of 720; and so on.
        new GridCase("", CellKind.Elman, 2, 9, 1, 61, Activation.Sigmoid, Activation.Sigmoid, LossKind.SquaredError, true, Unroll.Auto, LossReduction.Sum),
        new GridCase("", CellKind.Elman, 3, 5, 2, 77, Activation.Tanh, Activation.Softmax, LossKind.CrossEntropy, false, Unroll.Auto, LossReduction.Mean),
        new GridCase("", CellKind.Lstm, 2, 9, 1, 21, Activation.Sigmoid, Activation.Identity, LossKind.SquaredError, true, Unroll.Auto, LossReduction.Sum),
        new GridCase("", CellKind.Gru, 2, 10, 3, 25, Activation.Sigmoid, Activation.Sigmoid, LossKind.CrossEntropy, false, Unroll.Auto, LossReduction.Sum),
        new GridCase("", CellKind.Elman, 2, 9, 1, 31, Activation.Tanh, Activation.Tanh, LossKind.SquaredError, false, Unroll.Auto, LossReduction.Sum, Layers: 2),
        new GridCase("", CellKind.Lstm, 3, 5, 2, 16, Activation.Sigmoid, Activation.Softmax, LossKind.SquaredError, true, Unroll.Auto, LossReduction.Mean, Layers: 2),
        new GridCase("", CellKind.Gru, 2, 5, 1, 23, Activation.Sigmoid, Activation.Sigmoid, LossKind.SquaredError, true, Unroll.Auto, LossReduction.Sum, Layers: 2),
    };

    public static readonly IReadOnlyList<GridCase> Cases = Build();

    private static readonly Lazy<Assembly> assembly = new(() =>
    {
        var source = new StringBuilder(GeneratorHarness.Usings).AppendLine("namespace Grid;");
        foreach (GridCase gridCase in Cases)
            source.AppendLine(gridCase.Declaration);
        return GeneratorHarness.CompileAndLoad(source.ToString(), "GridNetworks");
    });

    /// <summary>Every case, by name, for [MemberData].</summary>
    public static TheoryData<string> Names => ToTheoryData(Cases);

    /// <summary>The cases whose loss is smooth in every parameter: all but the Relu hidden layers.</summary>
    public static TheoryData<string> SmoothNames => ToTheoryData(Cases.Where(gridCase => !(gridCase.Cell == CellKind.Elman && gridCase.HiddenActivation == Activation.Relu)));

    private static TheoryData<string> ToTheoryData(IEnumerable<GridCase> cases)
    {
        var data = new TheoryData<string>();
        foreach (GridCase gridCase in cases)
            data.Add(gridCase.Name);
        return data;
    }

    public static GridCase Find(string name) => Cases.Single(gridCase => gridCase.Name == name);

    /// <summary>A generated network of the case, parameters drawn uniformly from ±<paramref name="scale"/>.</summary>
    public static IRecurrentNetwork<T> Create<T>(GridCase gridCase, int seed, double scale = 0.5) where T : INumber<T>
    {
        Type type = assembly.Value.GetType("Grid." + gridCase.Name + "`1", throwOnError: true)!.MakeGenericType(typeof(T));
        object network = Activator.CreateInstance(type)!;
        type.GetMethod("Initialize")!.Invoke(network, new object[] { new Random(seed), scale });
        return (IRecurrentNetwork<T>)network;
    }

    private static List<GridCase> Build()
    {
        var cases = new List<GridCase>();
        void Add(CellKind cell, int inputs, int hidden, int outputs, int steps, Activation hiddenActivation, Activation output, LossKind loss, bool bias, Unroll unroll,
            LossReduction reduction = LossReduction.Sum, int layers = 1)
        {
            // Softmax over one output is the constant 1, which the generator rejects (RNNG016): single-output shapes skip it.
            if (output == Activation.Softmax && outputs == 1)
                return;
            string name = $"{cell}_{inputs}x{hidden}x{outputs}x{steps}_{(layers > 1 ? $"{layers}Layers_" : "")}{(cell == CellKind.Elman ? hiddenActivation + "_" : "")}{output}_{loss}{(reduction == LossReduction.Mean ? "Mean" : "")}_{(bias ? "Bias" : "NoBias")}_{unroll}";
            cases.Add(new GridCase(name, cell, inputs, hidden, outputs, steps, hiddenActivation, output, loss, bias, unroll, reduction, layers));
        }
        LossReduction Rotated(int k, int s) => (k + s) % 3 == 0 ? LossReduction.Mean : LossReduction.Sum;

        // The full product on one shape.
        foreach (Activation hidden in hiddenActivations)
            foreach ((Activation output, LossKind loss) in outputsAndLosses)
                foreach (bool bias in new[] { false, true })
                    foreach (Unroll unroll in new[] { Unroll.Full, Unroll.None })
                        Add(CellKind.Elman, 3, 5, 2, 4, hidden, output, loss, bias, unroll);

        // A rotation over shapes that reach the other SIMD paths.
        (int Inputs, int Hidden, int Outputs, int Steps)[] shapes = { (1, 1, 1, 1), (2, 17, 3, 3), (4, 9, 1, 6) };
        for (int s = 0; s < shapes.Length; s++)
        {
            for (int k = 0; k < outputsAndLosses.Length; k++)
            {
                (int inputs, int hidden, int outputs, int steps) = shapes[s];
                Activation hiddenActivation = hiddenActivations[(k + s) % hiddenActivations.Length];
                (Activation output, LossKind loss) = outputsAndLosses[k];
                foreach (Unroll unroll in new[] { Unroll.Full, Unroll.None })
                    Add(CellKind.Elman, inputs, hidden, outputs, steps, hiddenActivation, output, loss, bias: (k + s) % 2 == 0, unroll, Rotated(k, s));
            }
        }

        // LSTM and GRU: every output activation and loss × bias × unroll on one shape, and a rotation on two more.
        foreach (CellKind cell in new[] { CellKind.Lstm, CellKind.Gru })
        {
            foreach ((Activation output, LossKind loss) in outputsAndLosses)
                foreach (bool bias in new[] { false, true })
                    foreach (Unroll unroll in new[] { Unroll.Full, Unroll.None })
                        Add(cell, 3, 5, 2, 4, Activation.Sigmoid, output, loss, bias, unroll);
            // 10 units rather than 17: a gated step sums a row per unit for every gate, and 17 units would be too many
            // rows for one unrolled method (the generator falls back to looped code; see UnrollPolicy).
            (int Inputs, int Hidden, int Outputs, int Steps)[] gatedShapes = { (1, 1, 1, 1), (2, 10, 3, 3), (4, 9, 1, 6) };
            for (int s = 1; s < gatedShapes.Length; s++)
            {
                for (int k = 0; k < outputsAndLosses.Length; k++)
                {
                    (int inputs, int hidden, int outputs, int steps) = gatedShapes[s];
                    (Activation output, LossKind loss) = outputsAndLosses[k];
                    foreach (Unroll unroll in new[] { Unroll.Full, Unroll.None })
                        Add(cell, inputs, hidden, outputs, steps, Activation.Sigmoid, output, loss, bias: (k + s) % 2 == 1, unroll, Rotated(k, s));
                }
            }
        }

        // Stacked layers: for every cell, each output activation and loss in both unroll modes, on two shapes (several
        // outputs; one output over 9 units, where the last Elman layer computes its logit in the step and the rows end
        // in a partial chunk), with two or three layers, the bias and the hidden activation in rotation.
        (int Inputs, int Hidden, int Outputs, int Steps)[] stackedShapes = { (3, 5, 2, 4), (2, 9, 1, 5) };
        CellKind[] cells = { CellKind.Elman, CellKind.Lstm, CellKind.Gru };
        for (int c = 0; c < cells.Length; c++)
        {
            for (int k = 0; k < outputsAndLosses.Length; k++)
            {
                (Activation output, LossKind loss) = outputsAndLosses[k];
                // Softmax needs several outputs (RNNG016), so its cases take the first shape whatever their turn.
                (int inputs, int hidden, int outputs, int steps) = stackedShapes[output == Activation.Softmax ? 0 : k % 2];
                Activation hiddenActivation = cells[c] == CellKind.Elman ? hiddenActivations[k % hiddenActivations.Length] : Activation.Sigmoid;
                foreach (Unroll unroll in new[] { Unroll.Full, Unroll.None })
                    Add(cells[c], inputs, hidden, outputs, steps, hiddenActivation, output, loss, bias: (k + c) % 2 == 1, unroll, Rotated(k, c + 1), layers: k % 3 == 2 ? 3 : 2);
            }
        }

        // Unroll.Auto past its budget of written-out code: one written-out step method each way in a loop over the steps
        // (AutoUnrollTests checks that these shapes pick it). Every cell, one and several outputs, a partial chunk (9
        // units), the logit computed in the Elman step, stacks of two layers; sequence lengths of no particular divisor.
        foreach (GridCase gridCase in StepsInLoopShapes)
            Add(gridCase.Cell, gridCase.Inputs, gridCase.Hidden, gridCase.Outputs, gridCase.Steps, gridCase.HiddenActivation, gridCase.OutputActivation,
                gridCase.Loss, gridCase.Bias, Unroll.Auto, gridCase.Reduction, gridCase.Layers);
        return cases;
    }
}
