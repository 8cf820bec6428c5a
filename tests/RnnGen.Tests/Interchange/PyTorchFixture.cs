using System;
using System.IO;
using System.Linq;
using System.Numerics;
using System.Text.Json.Nodes;

namespace RnnGen.Tests.Interchange;

/// <summary>
/// One case written by Fixtures/make_fixtures.py: a safetensors file of a PyTorch model's state_dict and what PyTorch
/// computed with it (in float64) for a batch of sequences, in PyTorch's layouts: x [steps, batch, inputs],
/// h_0/c_0/h_n/c_n [layers, batch, hidden], y [steps, batch, outputs].
/// </summary>
public sealed class PyTorchFixture
{
    private readonly JsonObject json;

    private PyTorchFixture(string name)
    {
        Name = name;
        json = (JsonObject)JsonNode.Parse(File.ReadAllText(FilePath(name + ".json")))!;
        // LSTM and GRU ignore the hidden activation; they get the attribute's default, as a declaration without one has.
        var cell = Enum.Parse<CellKind>((string)json["cell"]!);
        Shape = new NetworkShape(cell, (int)json["inputs"]!, (int)json["hidden"]!, (int)json["outputs"]!, (int)json["steps"]!, (bool)json["bias"]!,
            cell == CellKind.Elman ? Enum.Parse<Activation>((string)json["hidden_activation"]!) : Activation.Sigmoid,
            Enum.Parse<Activation>((string)json["output_activation"]!), LossKind.SquaredError, (int)json["layers"]!);
        Names = new PyTorchNames((string)json["rnn"]!, (string)json["linear"]!);
        Batch = (int)json["batch"]!;
        DType = (string)json["dtype"]!;
    }

    public string Name { get; }

    public NetworkShape Shape { get; }

    public PyTorchNames Names { get; }

    public int Layers => Shape.Layers;

    public int Batch { get; }

    /// <summary>The dtype of the tensors in the file.</summary>
    public string DType { get; }

    public string SafeTensorsPath => FilePath(Name + ".safetensors");

    public static PyTorchFixture Load(string name) => new(name);

    /// <summary>The names of every case in the Fixtures folder.</summary>
    public static string[] All() => Directory.GetFiles(FilePath(""), "*.json").Select(Path.GetFileNameWithoutExtension).Order().ToArray()!;

    /// <summary>Sequence <paramref name="b"/> of x in RnnGen's step-major layout.</summary>
    public T[] Inputs<T>(int b) where T : INumber<T> => Sequence<T>("x", b, Shape.Inputs);

    /// <summary>Sequence <paramref name="b"/> of PyTorch's y.</summary>
    public double[] Outputs(int b) => Sequence<double>("y", b, Shape.Outputs);

    /// <summary>RnnGen's initial state of sequence <paramref name="b"/>: for each layer, h then (LSTM) c.</summary>
    public T[] InitialState<T>(int b) where T : INumber<T> => State<T>("h_0", "c_0", b);

    /// <summary>RnnGen's final state of sequence <paramref name="b"/> as PyTorch computed it.</summary>
    public double[] FinalState(int b) => State<double>("h_n", "c_n", b);

    private T[] Sequence<T>(string key, int b, int width) where T : INumber<T>
    {
        double[] values = Values(key);
        var sequence = new T[Shape.Steps * width];
        for (int t = 0; t < Shape.Steps; t++)
        {
            for (int i = 0; i < width; i++)
                sequence[(t * width) + i] = T.CreateChecked(values[(((t * Batch) + b) * width) + i]);
        }
        return sequence;
    }

    private T[] State<T>(string hiddenKey, string cellKey, int b) where T : INumber<T>
    {
        bool lstm = Shape.Cell == CellKind.Lstm;
        int hidden = Shape.Hidden, perLayer = lstm ? 2 * hidden : hidden;
        double[] h = Values(hiddenKey), c = lstm ? Values(cellKey) : [];
        var state = new T[Layers * perLayer];
        for (int l = 0; l < Layers; l++)
        {
            for (int j = 0; j < hidden; j++)
            {
                state[(l * perLayer) + j] = T.CreateChecked(h[(((l * Batch) + b) * hidden) + j]);
                if (lstm)
                    state[(l * perLayer) + hidden + j] = T.CreateChecked(c[(((l * Batch) + b) * hidden) + j]);
            }
        }
        return state;
    }

    private double[] Values(string key) => json[key]!.AsArray().Select(value => (double)value!).ToArray();

    private static string FilePath(string file) => Path.Combine(AppContext.BaseDirectory, "Interchange", "Fixtures", file);

    public override string ToString() => Name;
}
