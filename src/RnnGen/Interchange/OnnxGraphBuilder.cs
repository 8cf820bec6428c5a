using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using Google.Protobuf;
using Onnx;

namespace RnnGen;

/// <summary>
/// Collects the nodes, initializers, inputs and outputs of one ONNX graph, with a helper per kind of thing OnnxExport
/// writes. Every tensor is stored as little-endian <c>raw_data</c>. The graph computes in float; its inputs and outputs
/// may have another floating-point type, converted with <c>Cast</c> on the way in and out.
/// </summary>
/// <param name="interfaceType">The element type of the graph's inputs and outputs.</param>
internal sealed class OnnxGraphBuilder(TensorElementType interfaceType)
{
    /// <summary>The element type the graph computes in: ONNX Runtime's RNN, LSTM and GRU kernels are float only.</summary>
    public const TensorElementType ComputeType = TensorElementType.Float32;

    private readonly GraphProto graph = new();

    /// <summary>The element type of the graph's inputs and outputs.</summary>
    public TensorElementType InterfaceType { get; } = interfaceType;

    /// <summary>The graph built so far.</summary>
    public GraphProto Graph => graph;

    /// <summary>A graph input of <see cref="InterfaceType"/>; dimensions are numbers or symbolic names.</summary>
    public void Input(string name, params object[] dimensions) => graph.Input.Add(Value(name, dimensions));

    /// <summary>A graph output of <see cref="InterfaceType"/> computed as <paramref name="value"/>, converted if need be.</summary>
    public void Output(string name, string value, params object[] dimensions)
    {
        graph.Output.Add(Value(name, dimensions));
        if (InterfaceType == ComputeType)
            Node("Identity", [value], [name]);
        else
            Node("Cast", [value], [name], Attribute("to", (long)DataType(InterfaceType)));
    }

    /// <summary>The value <paramref name="value"/> of <see cref="InterfaceType"/> as <see cref="ComputeType"/>.</summary>
    public string ToCompute(string value) =>
        InterfaceType == ComputeType ? value : Node("Cast", [value], [value + "_float"], Attribute("to", (long)DataType(ComputeType)));

    /// <summary>A floating-point constant of <see cref="ComputeType"/>, or of <paramref name="type"/> when given.</summary>
    public string Initializer(string name, long[] dimensions, ReadOnlySpan<double> values, TensorElementType type = ComputeType)
    {
        var data = new byte[values.Length * TensorElements.Size(type)];
        for (int i = 0; i < values.Length; i++)
            TensorElements.Write(data, type, i, values[i]);
        return Add(name, DataType(type), dimensions, data);
    }

    /// <summary>A 1-D int64 constant, for shapes, axes and slice bounds.</summary>
    public string Int64s(string name, params long[] values)
    {
        var data = new byte[values.Length * 8];
        for (int i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteInt64LittleEndian(data.AsSpan(i * 8), values[i]);
        return Add(name, TensorProto.Types.DataType.Int64, [values.Length], data);
    }

    /// <summary>Adds a node of the default ONNX domain and returns its first output's name.</summary>
    public string Node(string opType, string[] inputs, string[] outputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = outputs[0] };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        graph.Node.Add(node);
        return outputs[0];
    }

    /// <summary>An integer attribute.</summary>
    public static AttributeProto Attribute(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    /// <summary>A list-of-integers attribute.</summary>
    public static AttributeProto Attribute(string name, long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    /// <summary>A list-of-floats attribute.</summary>
    public static AttributeProto Attribute(string name, float[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Floats };
        attribute.Floats.AddRange(values);
        return attribute;
    }

    /// <summary>A list-of-strings attribute.</summary>
    public static AttributeProto Attribute(string name, string[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Strings };
        foreach (string value in values)
            attribute.Strings.Add(ByteString.CopyFromUtf8(value));
        return attribute;
    }

    private string Add(string name, TensorProto.Types.DataType type, long[] dimensions, byte[] data)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(data) };
        tensor.Dims.AddRange(dimensions);
        graph.Initializer.Add(tensor);
        return name;
    }

    private ValueInfoProto Value(string name, object[] dimensions)
    {
        var shape = new TensorShapeProto();
        foreach (object dimension in dimensions)
        {
            shape.Dim.Add(dimension switch
            {
                int size => new TensorShapeProto.Types.Dimension { DimValue = size },
                string symbol => new TensorShapeProto.Types.Dimension { DimParam = symbol },
                _ => throw new ArgumentException($"A dimension is a size or a name, not {dimension}.", nameof(dimensions)),
            });
        }
        var tensorType = new TypeProto.Types.Tensor { ElemType = (int)DataType(InterfaceType), Shape = shape };
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensorType } };
    }

    private static TensorProto.Types.DataType DataType(TensorElementType type) => type switch
    {
        TensorElementType.Float16 => TensorProto.Types.DataType.Float16,
        TensorElementType.Float64 => TensorProto.Types.DataType.Double,
        _ => TensorProto.Types.DataType.Float,
    };
}
