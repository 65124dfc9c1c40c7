using CitizenBot.Core.Demand;
using CitizenBot.Core.Dialogs;

namespace CitizenBot.Core.Tests.Dialogs;

/// <summary>The dialogs load whole or not at all, and every mistake is reported with file, line and field.</summary>
public sealed class DialogLoaderTests : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("citizenbot-dialog-load-").FullName;

    public DialogLoaderTests()
    {
        var source = Path.Combine(global::CitizenBot.Testing.RepositoryRoot.Path, "dialogs");
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_folder, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void The_repository_dialogs_load()
    {
        var set = DialogSet.Load(_folder);
        Assert.Equal("main.welcome", set.JoinStep);
        Assert.Equal("main.listen", set.InitialStep);
        Assert.All(DialogVocabulary.RequiredTemplates, t => Assert.True(set.Templates.Contains(t), t));
        Assert.Contains(set.Steps.Values, s => s.Record == DemandOutcome.NoMatch);
    }

    /// <summary>The other way round from loading: nothing the code declares for the files is dead.</summary>
    [Fact]
    public void Every_action_and_placeholder_the_code_declares_is_used_by_the_repository_dialogs()
    {
        var steps = string.Join("\n", Directory.GetFiles(_folder, "*.dialog.json", SearchOption.AllDirectories).Select(File.ReadAllText));
        var templates = string.Join("\n", Directory.GetFiles(_folder, "*.vi", SearchOption.AllDirectories).Select(File.ReadAllText));
        Assert.All(DialogActions.All, a => Assert.Contains($"\"do\": \"{a.Name}\"", steps));
        // {steps} is filled and documented (dialogs/README.md) but no template says it yet: when one does, drop it here.
        var unused = Wording.Placeholders.Select(p => p.Name).Where(name => !templates.Contains("{" + name + "}", StringComparison.Ordinal));
        Assert.Equal(["steps"], unused);
    }

    [Fact]
    public void An_unknown_template_is_reported_with_its_line_and_field()
    {
        Edit("main/main.dialog.json", "\"say\": [\"help\"]", "\"say\": [\"hlep\"]");
        var error = Single();
        Assert.EndsWith("main.dialog.json", error.File);
        Assert.Equal(LineOf("main/main.dialog.json", "hlep"), error.Line);
        Assert.Equal("steps.help.say[0]", error.Field);
        Assert.Contains("unknown template [hlep]", error.Message);
    }

    [Fact]
    public void A_misspelt_field_is_reported_not_ignored()
    {
        Edit("clarify/clarify.dialog.json", "\"ask\": { \"say\"", "\"ask\": { \"sya\"");
        var error = Assert.Single(Errors(), e => e.File.EndsWith("clarify.dialog.json", StringComparison.Ordinal));
        Assert.Equal(LineOf("clarify/clarify.dialog.json", "sya"), error.Line);
        Assert.Contains("sya", error.Field + error.Message);
    }

    [Fact]
    public void Broken_json_is_reported_with_its_line()
    {
        Edit("nomatch/nomatch.dialog.json", "\"record\": \"NoMatch\",", "\"record\": \"NoMatch\" \"oops\",");
        var error = Single();
        Assert.Equal(LineOf("nomatch/nomatch.dialog.json", "oops"), error.Line);
    }

    [Fact]
    public void A_missing_outcome_is_reported()
    {
        Edit("main/main.dialog.json", ", \"invalid\": \"too-long\"", "");
        var error = Assert.Single(Errors(), e => e.Field == "steps.ask.outcomes");
        Assert.Contains("invalid", error.Message);
    }

    [Fact]
    public void An_unknown_outcome_action_or_demand_is_reported()
    {
        Edit("clarify/clarify.dialog.json", "\"record\": \"AmbiguousAbandoned\"", "\"record\": \"Abandoned\"");
        Edit("answer/answer.dialog.json", "\"do\": \"answer\"", "\"do\": \"anwser\"");
        var errors = Errors();
        Assert.Contains(errors, e => e.Field == "steps.abandon.record" && e.Message.Contains("AmbiguousAbandoned"));
        Assert.Contains(errors, e => e.Field == "steps.show.do" && e.Message.Contains("unknown action 'anwser'"));
    }

    [Fact]
    public void An_unknown_intent_is_reported()
    {
        Edit("main/main.dialog.json", "\"facet\": \"answer.facet\"", "\"facets\": \"answer.facet\"");
        Assert.Contains(Errors(), e => e.Field == "steps.listen.on.facets" && e.Message.Contains("unknown intent"));
    }

    [Fact]
    public void A_waiting_step_must_handle_every_intent()
    {
        Edit("main/main.dialog.json", ", \"facet\": \"answer.facet\"", "");
        var error = Single();
        Assert.Equal("steps.listen.on", error.Field);
        Assert.Contains("does not handle facet", error.Message);
    }

    [Fact]
    public void A_reference_to_a_missing_step_is_reported()
    {
        Edit("clarify/clarify.dialog.json", "\"then\": \"main.ask\"", "\"then\": \"main.asked\"");
        var error = Single();
        Assert.Equal("steps.abandon.then", error.Field);
        Assert.Contains("no step 'main.asked'", error.Message);
    }

    [Fact]
    public void A_loop_that_never_waits_is_reported()
    {
        Edit("main/main.dialog.json", "\"too-long\": { \"say\": [\"ask.too-long\"], \"then\": \"$resume\" }", "\"too-long\": { \"say\": [\"ask.too-long\"], \"then\": \"ask\" }");
        var error = Assert.Single(Errors(), e => e.Message.Contains("loop"));
        Assert.Contains("main.ask → main.too-long → main.ask", error.Message);
    }

    [Fact]
    public void Template_mistakes_are_reported_with_their_line()
    {
        Edit("nomatch/nomatch.vi", "“{question}”.", "“{questoin}”.");
        Edit("answer/answer.vi", "[line.step]\n- {n}. {step}", "[line.step]\n- {n}. {step");
        Edit("main/main.vi", "[ack]", "[ack]\n[ack.two]");
        var errors = Errors();
        Assert.Contains(errors, e => e.File.EndsWith("nomatch.vi", StringComparison.Ordinal) && e.Line == LineOf("nomatch/nomatch.vi", "questoin") && e.Message.Contains("unknown placeholder {questoin}"));
        Assert.Contains(errors, e => e.File.EndsWith("answer.vi", StringComparison.Ordinal) && e.Message.Contains("unbalanced"));
        Assert.Contains(errors, e => e.File.EndsWith("main.vi", StringComparison.Ordinal) && e.Field == "[ack]" && e.Message.Contains("no variants"));
    }

    [Fact]
    public void A_template_defined_twice_names_both_places()
    {
        File.AppendAllText(Path.Combine(_folder, "nomatch", "nomatch.vi"), "\n[help]\n- Trợ giúp khác\n");
        var error = Single();
        Assert.Equal("[help]", error.Field);
        Assert.Contains("main.vi:", error.Message);
    }

    [Fact]
    public void A_required_template_cannot_be_removed()
    {
        Edit("answer/answer.vi", "[card.fee]\n- **Lệ phí:** {fee}\n", "");
        Assert.Contains(Errors(), e => e.Field == "[card.fee]" && e.Message.Contains("required template"));
    }

    [Fact]
    public void Intent_lexicon_mistakes_are_reported_with_their_line()
    {
        var file = Path.Combine(_folder, "intents.txt");
        File.AppendAllText(file, "\n[feelings]\nvui\n[fee]\nlệ phí\n");
        var errors = Errors();
        Assert.Contains(errors, e => e.File == file && e.Field == "[feelings]" && e.Message.Contains("unknown category"));
        Assert.Contains(errors, e => e.File == file && e.Field == "lệ phí" && e.Message.Contains("already listed on line"));
    }

    [Fact]
    public void Procedure_text_mistakes_are_reported_with_their_line()
    {
        var file = Path.Combine(_folder, ProcedureText.FileName);
        File.AppendAllText(file, "\n[deadlines]\nhạn nộp\n[waiting]\nphải chờ\nchờ (lâu)\n");
        Edit(ProcedureText.FileName, "[period-from]\nkể từ\n", "");
        var errors = Errors();
        Assert.Contains(errors, e => e.File == file && e.Field == "[deadlines]" && e.Message.Contains("unknown section"));
        Assert.Contains(errors, e => e.File == file && e.Field == "phải chờ" && e.Message.Contains("already listed under [waiting]"));
        Assert.Contains(errors, e => e.File == file && e.Field == "chờ (lâu)" && e.Message.Contains("words of letters or digits"));
        Assert.Contains(errors, e => e.File == file && e.Field == "[period-from]" && e.Message.Contains("missing or empty"));
    }

    [Fact]
    public void Fact_word_mistakes_are_reported_with_their_line()
    {
        var file = Path.Combine(_folder, FactWords.FileName);
        File.AppendAllText(file, "\n[units]\nxu\n[dong]\nđồng bạc\n[level-tinh]\nthành phố\nphường\n[million-tenths]\nk\n");
        Edit(FactWords.FileName, "[days]\nngày\nhôm\n", "");
        var errors = Errors();
        Assert.Contains(errors, e => e.File == file && e.Field == "[units]" && e.Message.Contains("unknown section"));
        Assert.Contains(errors, e => e.File == file && e.Field == "đồng bạc" && e.Message.Contains("single words"));
        Assert.Contains(errors, e => e.File == file && e.Field == "thành phố" && e.Message.Contains("single words"));
        Assert.Contains(errors, e => e.File == file && e.Field == "phường" && e.Message.Contains("already listed under [level-xa]"));
        Assert.Contains(errors, e => e.File == file && e.Field == "k" && e.Message.Contains("also be under [million]"));
        Assert.Contains(errors, e => e.File == file && e.Field == "[days]" && e.Message.Contains("missing or empty"));
        Assert.All(errors.Where(e => e.Field != "[days]"), e => Assert.True(e.Line > 0, e.ToString()));
    }

    [Fact]
    public void Each_dialog_set_checks_facts_with_its_own_words()
    {
        var repository = DialogSet.Load(Path.Combine(global::CitizenBot.Testing.RepositoryRoot.Path, "dialogs"));
        Edit(FactWords.FileName, "[thousand]\nk\n", "[thousand]\nk\nxị\n");
        var edited = DialogSet.Load(_folder);

        Assert.True(edited.FactCheck.Fee("phí 70 xị đúng không", ["70.000 đồng"]));
        Assert.Null(repository.FactCheck.Fee("phí 70 xị đúng không", ["70.000 đồng"])); // loaded first, reads as before
    }

    [Fact]
    public void Missing_fact_words_are_reported()
    {
        File.Delete(Path.Combine(_folder, FactWords.FileName));
        var error = Single();
        Assert.Equal(Path.Combine(_folder, FactWords.FileName), error.File);
        Assert.Contains("file not found", error.Message);
    }

    [Fact]
    public void A_dialog_folder_without_its_files_is_reported()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "extra"));
        var error = Single();
        Assert.EndsWith(Path.Combine("extra", "extra.dialog.json"), error.File);
    }

    [Fact]
    public void The_message_lists_every_error()
    {
        Edit("main/main.dialog.json", "\"say\": [\"help\"]", "\"say\": [\"hlep\"]");
        Edit("clarify/clarify.dialog.json", "\"then\": \"main.ask\"", "\"then\": \"main.asked\"");
        var e = Assert.Throws<DialogLoadException>(() => DialogSet.Load(_folder));
        Assert.Contains("2 error(s)", e.Message);
        Assert.Contains("main.dialog.json:", e.Message);
        Assert.Contains("clarify.dialog.json:", e.Message);
    }

    void Edit(string relative, string from, string to)
    {
        var path = Path.Combine(_folder, relative);
        var text = File.ReadAllText(path);
        Assert.Contains(from, text);
        File.WriteAllText(path, text.Replace(from, to));
    }

    int LineOf(string relative, string fragment) =>
        File.ReadAllLines(Path.Combine(_folder, relative)).Select((l, i) => (l, i)).First(x => x.l.Contains(fragment)).i + 1;

    IReadOnlyList<DialogError> Errors() => Assert.Throws<DialogLoadException>(() => DialogSet.Load(_folder)).Errors;

    DialogError Single() => Assert.Single(Errors());
}
