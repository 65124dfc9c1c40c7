namespace CitizenBot.Core.Tests.Dialogs;

/// <summary>Replays every Transcripts/*.transcript through the bot with the real search over the curated catalogue.</summary>
[Collection(DialogTestCollection.Name)]
public sealed class TranscriptTests(DialogTestData data)
{
    public static TheoryData<string> Transcripts()
    {
        var folder = Path.Combine(global::CitizenBot.Testing.RepositoryRoot.Path, "tests", "CitizenBot.Core.Tests", "Dialogs", "Transcripts");
        var names = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(folder, "*.transcript").Order(StringComparer.Ordinal))
            names.Add(Path.GetFileNameWithoutExtension(file));
        return names;
    }

    [Theory]
    [MemberData(nameof(Transcripts))]
    public Task Transcript_replays(string name) =>
        Transcript.Parse(Path.Combine(data.TranscriptsFolder, name + ".transcript")).ReplayAsync(data);
}
