using Spectre.Console;

namespace RnnGen.Demo;

/// <summary>What a command writes to: the console and the output directory.</summary>
internal sealed record DemoContext(IAnsiConsole Console, OutputFiles Files);
