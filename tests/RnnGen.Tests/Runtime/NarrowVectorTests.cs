using System.Diagnostics;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace RnnGen.Tests.Runtime;

/// <summary>
/// Whole networks on 128-bit vectors (ChunkPair128 and Chunk128), the path Native AOT's default x64 target takes, on a
/// machine with wider ones: <see cref="NarrowVectorProcess"/> in a child process started with <c>DOTNET_EnableAVX=0</c>
/// (the JIT reads its instruction sets once, at startup, so this takes a process of its own). On Arm64 the variable
/// does nothing and the vectors are 128 bits anyway.
/// </summary>
public class NarrowVectorTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Networks_agree_with_the_reference_on_128_bit_vectors()
    {
        using Process child = ChildProcess.Start(new[] { NarrowVectorProcess.Command }, ("DOTNET_EnableAVX", "0"));
        Task<string> errors = child.StandardError.ReadToEndAsync();
        string printed = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        output.WriteLine(printed);
        Assert.True(child.ExitCode == 0, $"exit code {child.ExitCode}:\n{printed}\n{await errors}");
        Assert.Equal(16, printed.Split('\n', System.StringSplitOptions.RemoveEmptyEntries).Length);   // 8 networks × 2 precisions
    }
}
