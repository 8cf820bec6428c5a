using System;
using System.IO;
using System.Runtime.InteropServices;
using Xunit;

namespace RnnGen.Package.Tests;

public sealed partial class PackageTests
{
    /// <summary>
    /// A fresh project that references only the package, published with Native AOT and the default instruction set (what
    /// a user gets with <c>PublishAot</c> alone): the publish shows no warning (trim, AOT or other; warnings are errors
    /// in the project as well), and the native program trains the adder in float and double to every sum right and
    /// agrees with <see cref="ReferenceNetwork{T}"/> on the outputs, the loss and the gradient, one sequence at a time
    /// and as a batch on two threads (the generated batch path and the worker pool). The native toolchain
    /// (clang or gcc, zlib) is what .ci/run installs.
    /// </summary>
    [Fact]
    public void Package_publishes_with_Native_AOT_without_warnings_and_computes_the_same()
    {
        string consumer = Path.Combine(work, "aot-consumer");
        Directory.CreateDirectory(consumer);
        packed.WriteNuGetConfig(consumer);
        File.WriteAllText(Path.Combine(consumer, "AotConsumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <RuntimeIdentifier>$(NETCoreSdkRuntimeIdentifier)</RuntimeIdentifier>
                <PublishAot>true</PublishAot>
                <InvariantGlobalization>true</InvariantGlobalization>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
                <ImportDirectoryBuildProps>false</ImportDirectoryBuildProps>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="RnnGen" Version="{packed.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(consumer, "Program.cs"), AotConsumerProgram);

        string publish = PackedSolution.Run("dotnet", "publish -c Release -o out", consumer);
        Assert.DoesNotContain("warning", publish, StringComparison.OrdinalIgnoreCase);
        string native = Path.Combine(consumer, "out", RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "AotConsumer.exe" : "AotConsumer");
        Assert.True(File.Exists(native), $"no native program at {native}:\n{publish}");

        string output = PackedSolution.Run(native, "", consumer);
        Assert.Contains("Single: exact sums 16384, agrees with the reference", output);
        Assert.Contains("Double: exact sums 16384, agrees with the reference", output);
        Assert.Contains("native: True", output);
    }

    /// <summary>
    /// Trains the adder, counts exact sums, then checks one Forward and one Backward, and a batch of 12 sequences on two
    /// threads, against the reference network with the same parameters (in double, so only the generated code's rounding
    /// differs).
    /// </summary>
    private const string AotConsumerProgram = """
        using System;
        using System.Numerics;
        using System.Runtime.CompilerServices;
        using RnnGen;

        // Under Native AOT there is no JIT: dynamic code is not supported.
        Console.WriteLine($"native: {!RuntimeFeature.IsDynamicCodeSupported}");
        Check<float>(1e-4);
        Check<double>(1e-12);

        static void Check<T>(double tolerance) where T : unmanaged, IFloatingPointIeee754<T>
        {
            var network = new BinaryAdder<T>(0);
            var random = new Random(1);
            var inputs = new T[16];
            var targets = new T[8];
            var outputs = new T[8];
            void Encode(int a, int b)
            {
                for (int bit = 0; bit < 8; bit++)
                {
                    inputs[2 * bit] = T.CreateChecked((a >> bit) & 1);
                    inputs[2 * bit + 1] = T.CreateChecked((b >> bit) & 1);
                    targets[bit] = T.CreateChecked(((a + b) >> bit) & 1);
                }
            }
            T rate = T.CreateChecked(0.1);
            for (int sample = 0; sample < 10_000; sample++)
            {
                Encode(random.Next(128), random.Next(128));
                network.Train(inputs, targets, rate);
            }
            int exact = 0;
            for (int a = 0; a < 128; a++)
            {
                for (int b = 0; b < 128; b++)
                {
                    Encode(a, b);
                    network.Forward(inputs, outputs);
                    bool right = true;
                    for (int bit = 0; bit < 8; bit++)
                        right &= (outputs[bit] > T.CreateChecked(0.5)) == (targets[bit] == T.One);
                    exact += right ? 1 : 0;
                }
            }

            var reference = new ReferenceNetwork<double>(network.Shape);
            for (int p = 0; p < BinaryAdder<T>.ParameterCount; p++)
                reference.Parameters[p] = double.CreateChecked(network.Parameters[p]);
            Encode(93, 58);
            var expected = new double[8];
            reference.Forward(Array.ConvertAll(inputs, double.CreateChecked), expected);
            double expectedLoss = reference.Backward(Array.ConvertAll(targets, double.CreateChecked));
            network.ZeroGradients();
            network.Forward(inputs, outputs);
            double loss = double.CreateChecked(network.Backward(targets));
            double largest = Math.Abs(loss - expectedLoss);
            for (int step = 0; step < 8; step++)
                largest = Math.Max(largest, Math.Abs(double.CreateChecked(outputs[step]) - expected[step]));
            for (int p = 0; p < BinaryAdder<T>.ParameterCount; p++)
                largest = Math.Max(largest, Math.Abs(double.CreateChecked(network.Gradients[p]) - reference.Gradients[p]));

            // The batch path (blocks of sequences, BatchKernels, the worker pool on two threads): 12 sequences, forward and
            // backward, against the reference's batch.
            const int batch = 12;
            var batchInputs = new T[batch * 16];
            var batchTargets = new T[batch * 8];
            var batchOutputs = new T[batch * 8];
            for (int b = 0; b < batch; b++)
            {
                Encode(random.Next(128), random.Next(128));
                inputs.CopyTo(batchInputs, b * 16);
                targets.CopyTo(batchTargets, b * 8);
            }
            var expectedBatch = new double[batch * 8];
            reference.ZeroGradients();
            reference.ForwardBatch(Array.ConvertAll(batchInputs, double.CreateChecked), expectedBatch);
            double expectedBatchLoss = reference.BackwardBatch(Array.ConvertAll(batchTargets, double.CreateChecked));
            network.MaxDegreeOfParallelism = 2;
            network.ZeroGradients();
            network.ForwardBatch(batchInputs, batchOutputs);
            largest = Math.Max(largest, Math.Abs(double.CreateChecked(network.BackwardBatch(batchTargets)) - expectedBatchLoss));
            for (int i = 0; i < batchOutputs.Length; i++)
                largest = Math.Max(largest, Math.Abs(double.CreateChecked(batchOutputs[i]) - expectedBatch[i]));
            for (int p = 0; p < BinaryAdder<T>.ParameterCount; p++)
                largest = Math.Max(largest, Math.Abs(double.CreateChecked(network.Gradients[p]) - reference.Gradients[p]));
            Console.WriteLine(largest <= tolerance
                ? $"{typeof(T).Name}: exact sums {exact}, agrees with the reference"
                : $"{typeof(T).Name}: exact sums {exact}, differs from the reference by {largest}");
        }

        [RecurrentNetwork(inputs: 2, hidden: 16, outputs: 1, steps: 8)]
        public partial class BinaryAdder<T> where T : unmanaged, IFloatingPointIeee754<T>;
        """;
}
