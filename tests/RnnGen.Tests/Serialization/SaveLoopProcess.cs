using System;

namespace RnnGen.Tests.Serialization;

/// <summary>
/// The child process of <see cref="AtomicSaveTests"/>'s kill test (<c>dotnet exec RnnGen.Tests.dll save-loop PATH</c>,
/// through <see cref="ChildProcess"/>): it saves a large network to PATH over and over, each time
/// with <c>Parameters[0]</c> set to the save's number, until it is killed. After two saves it prints "ready" and how
/// many milliseconds the second took, so the test can aim its kill at a save. Test runners never call it.
/// </summary>
public static class SaveLoopProcess
{
    public const string Command = "save-loop";

    /// <summary>An Elman network of 600 units: 361,200 double parameters, a 2.9 MB file, the size the issue measured.</summary>
    public static readonly NetworkShape Shape = new(CellKind.Elman, 1, 600, 1, 2, false, Activation.Tanh, Activation.Identity, LossKind.SquaredError);

    public const int Seed = 18;

    public static int Run(string[] args)
    {
        if (args.Length != 2 || args[0] != Command)
        {
            Console.Error.WriteLine($"usage: {Command} PATH");
            return 2;
        }
        var network = new ReferenceNetwork<double>(Shape, Seed);
        var clock = new System.Diagnostics.Stopwatch();
        for (int save = 0; ; save++)
        {
            clock.Restart();
            network.Parameters[0] = save;
            NetworkFile.Save(network, args[1]);
            if (save == 1)
                Console.WriteLine($"ready {clock.ElapsedMilliseconds}");
        }
    }
}
