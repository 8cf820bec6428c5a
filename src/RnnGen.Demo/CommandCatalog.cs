using System.Collections.Generic;
using System.Linq;
using RnnGen.Demo.Commands;

namespace RnnGen.Demo;

/// <summary>Every command, in the order the usage lists them.</summary>
internal static class CommandCatalog
{
    private static readonly IDemoCommand[] Commands =
    [
        new OverviewCommand(),
        new AdderCommand(),
        new NextBitCommand(),
        new PrecisionCommand(),
        new BenchCommand(),
        new LstmCommand(),
        new MemoryCommand(),
        new CharsCommand(),
        new CharsSampleCommand(),
    ];

    public static IReadOnlyList<CommandSpec> All { get; } = Commands.Select(command => command.Spec).ToArray();

    public static IDemoCommand Find(string name) => Commands.Single(command => command.Spec.Name == name);
}
