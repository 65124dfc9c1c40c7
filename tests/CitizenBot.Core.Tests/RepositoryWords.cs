using System.Runtime.CompilerServices;
using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Dialogs;
using CitizenBot.Core.Search;
using CitizenBot.Core.Tests.Catalogue;

namespace CitizenBot.Core.Tests;

/// <summary>
/// The repository's fact words (dialogs/fact-words.txt) and age words (index-data/analysis/ages.txt) are in use for
/// every test, as the host's start-up puts them: <see cref="FactCheck"/> and <see cref="StatedAge"/> are tested on
/// their own, before or without any test that loads the dialogs or the lexicon.
/// </summary>
static class RepositoryWords
{
    [ModuleInitializer]
    internal static void Use()
    {
        var dialogErrors = new List<DialogError>();
        var facts = FactWords.Load(Path.Combine(RepoFolders.Root, "dialogs", FactWords.FileName), dialogErrors);
        var ageErrors = new List<CatalogueError>();
        var ages = AgeWords.Load(Path.Combine(RepoFolders.Analysis, AgeWords.FileName), ageErrors);
        if (dialogErrors.Count > 0 || ageErrors.Count > 0)
            throw new InvalidOperationException(string.Join("\n", dialogErrors.Select(e => e.ToString()).Concat(ageErrors.Select(e => e.ToString()))));
        FactCheck.Use(facts);
        StatedAge.Use(ages);
    }
}
