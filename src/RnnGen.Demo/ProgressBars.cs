using System;
using Spectre.Console;

namespace RnnGen.Demo;

/// <summary>
/// Spectre's progress display: live bars on a terminal; on redirected output Spectre itself falls back to a few
/// plain status lines at milestones.
/// </summary>
internal static class ProgressBars
{
    /// <summary>How many units of work go by between updates of a bar, so updating it costs nothing measurable.</summary>
    public const int UpdateEvery = 100;

    public static void Run(IAnsiConsole console, Action<ProgressContext> work) =>
        console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(work);

    /// <summary>Moves the bar to <paramref name="done"/> every <see cref="UpdateEvery"/> units and at the end.</summary>
    public static void Report(this ProgressTask task, int done)
    {
        if (done % UpdateEvery == 0 || done >= task.MaxValue)
            task.Value = done;
    }
}
