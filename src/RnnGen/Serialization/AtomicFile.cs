using System;
using System.IO;

namespace RnnGen;

/// <summary>
/// Replaces a file so that a reader, a crash or a power cut sees either the old file or the new one, whole: the new
/// content goes to a temporary file in the same folder, is flushed to the disk, and is then renamed over the old
/// file (rename is atomic within a file system). Any failure before the rename removes the temporary file and leaves
/// the old one as it was; a process killed mid-write leaves at most that one temporary file, which the next save to
/// the same path overwrites.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Writes the file at <paramref name="path"/> through <paramref name="write"/>, replacing any file there only once the content is complete.</summary>
    public static void Replace(string path, Action<Stream> write)
    {
        string target = FinalTarget(Path.GetFullPath(path));
        string temporary = TemporaryPathFor(target);
        try
        {
            // FileShare.None also keeps a second writer of the same path out of the temporary file meanwhile.
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, target, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>The temporary file a save to <paramref name="path"/> writes first: hidden, beside it, and always the same.</summary>
    public static string TemporaryPathFor(string path)
    {
        string full = Path.GetFullPath(path);
        return Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.saving");
    }

    /// <summary>A symbolic link is followed, so the file it points to is replaced, not the link.</summary>
    private static string FinalTarget(string path) =>
        new FileInfo(path).LinkTarget is not null && File.ResolveLinkTarget(path, returnFinalTarget: true) is { } target ? target.FullName : path;

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The original failure is the one worth reporting; a stale temporary file is overwritten by the next save.
        }
    }
}
