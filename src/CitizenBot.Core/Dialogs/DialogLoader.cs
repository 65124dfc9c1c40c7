using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using CitizenBot.Core.Demand;

namespace CitizenBot.Core.Dialogs;

/// <summary>
/// Loads dialogs/: intents.txt (the intent lexicon), procedure-text.txt (<see cref="ProcedureText"/>), fact-words.txt
/// (<see cref="FactWords"/>, the words of the set's <see cref="FactCheck"/>) and one folder per dialog, &lt;name&gt;/&lt;name&gt;.dialog.json (steps)
/// and &lt;name&gt;/&lt;name&gt;.vi (wording). Everything is checked — JSON shape, step references, actions and their
/// outcomes, intents every waiting step must handle, templates and placeholders, loops — and every error is reported
/// with file, line and field before anything runs. The dialog named "main" is the root.
/// </summary>
public static partial class DialogLoader
{
    public const string RootDialog = "main";
    public const string LexiconFile = "intents.txt";

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static DialogSet Load(string folder)
    {
        var errors = new List<DialogError>();
        folder = Path.GetFullPath(folder);
        if (!Directory.Exists(folder)) throw new DialogLoadException([new DialogError(folder, 0, "", "dialogs folder not found")]);

        var intents = IntentLexicon.Load(Path.Combine(folder, LexiconFile), errors);
        var lexicon = new IntentLexicon(intents.Phrases);
        var procedureText = ProcedureText.Load(Path.Combine(folder, ProcedureText.FileName), errors);
        var factCheck = new FactCheck(FactWords.Load(Path.Combine(folder, FactWords.FileName), errors));
        var placeholders = Wording.Placeholders.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var dialogs = new List<LoadedDialog>();
        var templates = new Dictionary<string, Template>(StringComparer.Ordinal);
        foreach (var directory in Directory.GetDirectories(folder).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(directory);
            if (name.StartsWith('.')) continue;
            var jsonFile = Path.Combine(directory, name + ".dialog.json");
            var viFile = Path.Combine(directory, name + ".vi");
            if (!Name().IsMatch(name)) { errors.Add(new DialogError(directory, 0, "", "a dialog folder name is lowercase letters, digits and '-'")); continue; }
            if (!File.Exists(jsonFile)) { errors.Add(new DialogError(jsonFile, 0, "", "missing: every dialog folder holds <name>.dialog.json and <name>.vi")); continue; }
            if (!File.Exists(viFile)) { errors.Add(new DialogError(viFile, 0, "", "missing: every dialog folder holds <name>.dialog.json and <name>.vi")); continue; }
            foreach (var template in TemplateSet.Parse(viFile, placeholders, errors))
            {
                if (templates.TryGetValue(template.Name, out var first))
                    errors.Add(new DialogError(viFile, template.Line, $"[{template.Name}]", $"already defined in {first.File}:{first.Line}"));
                else templates[template.Name] = template;
            }
            var bytes = File.ReadAllBytes(jsonFile);
            try
            {
                var file = JsonSerializer.Deserialize<DialogFile>(bytes, Json);
                if (file is null) errors.Add(new DialogError(jsonFile, 1, "", "expected a JSON object"));
                else dialogs.Add(new LoadedDialog(name, jsonFile, file, new JsonLineMap(bytes)));
            }
            catch (JsonException e)
            {
                errors.Add(new DialogError(jsonFile, (int)(e.LineNumber ?? -1) + 1, e.Path ?? "", e.Message.Split(" Path:")[0]));
            }
        }
        if (!dialogs.Any(d => d.Name == RootDialog) && !errors.Any(e => e.File.EndsWith($"{RootDialog}.dialog.json", StringComparison.Ordinal)))
            errors.Add(new DialogError(Path.Combine(folder, RootDialog), 0, "", $"the root dialog '{RootDialog}' is missing"));

        // Steps of a dialog whose file could not be read are not reported again as missing wherever they are used.
        var unreadable = Directory.GetDirectories(folder).Select(Path.GetFileName).OfType<string>()
            .Where(name => dialogs.All(d => d.Name != name)).ToList();
        var set = Build(folder, dialogs, new TemplateSet(templates.Values), lexicon, procedureText, factCheck, errors);
        errors.RemoveAll(e => e.Message.StartsWith("no step '", StringComparison.Ordinal) &&
                              unreadable.Any(name => e.Message.StartsWith($"no step '{name}.", StringComparison.Ordinal)));
        if (errors.Count > 0) throw new DialogLoadException(errors);
        return set!;
    }

    static DialogSet? Build(string folder, List<LoadedDialog> dialogs, TemplateSet templates, IntentLexicon lexicon, ProcedureText procedureText,
        FactCheck factCheck, List<DialogError> errors)
    {
        // Step ids and button sets first, so references can be checked in any order.
        var stepIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in dialogs)
            foreach (var step in (d.File.Steps ?? []).Keys)
            {
                if (!Name().IsMatch(step)) d.Error(errors, $"steps.{step}", "a step name is lowercase letters, digits and '-'");
                stepIds.Add($"{d.Name}.{step}");
            }
        var buttonSets = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var d in dialogs)
            foreach (var (setName, buttons) in d.File.Buttons ?? [])
            {
                var path = $"buttons.{setName}";
                if (DialogVocabulary.BuiltInButtonSets.Contains(setName)) d.Error(errors, path, $"'{setName}' is a built-in button set");
                else if (buttonSets.ContainsKey(setName)) d.Error(errors, path, "a button set with this name is defined in another dialog");
                if (buttons is not { Count: > 0 }) { d.Error(errors, path, "a button set needs at least one button"); continue; }
                for (var i = 0; i < buttons.Count; i++)
                    if (buttons[i]?.Title is not { } title || !templates.Contains(title))
                        d.Error(errors, $"{path}[{i}].title", $"unknown template [{buttons[i]?.Title}]");
                buttonSets[setName] = buttons.Select(b => b?.Title ?? "").ToList();
            }

        var steps = new Dictionary<string, DialogStep>(StringComparer.Ordinal);
        foreach (var d in dialogs)
            foreach (var (stepName, file) in d.File.Steps ?? [])
                if (file is not null && CompileStep(d, stepName, file, stepIds, templates, buttonSets, errors) is { } step)
                    steps[step.Id] = step;

        var root = dialogs.FirstOrDefault(d => d.Name == RootDialog);
        foreach (var d in dialogs.Where(d => d != root))
            if (d.File.Join is not null || d.File.Initial is not null || d.File.Interruptions is not null)
                d.Error(errors, "", $"only the root dialog '{RootDialog}' may set join, initial and interruptions");
        if (root is null) return null;

        var join = Resolve(root, "join", root.File.Join, stepIds, errors, required: true, allowSpecial: false);
        var initial = Resolve(root, "initial", root.File.Initial, stepIds, errors, required: true, allowSpecial: false);
        if (initial is not null && steps.TryGetValue(initial, out var initialStep) && initialStep.On is null)
            root.Error(errors, "initial", $"'{initial}' must be a waiting step (one with \"on\")");
        var interruptions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (intent, target) in root.File.Interruptions ?? [])
        {
            if (!Intents.All.Contains(intent)) root.Error(errors, $"interruptions.{intent}", $"unknown intent; expected one of {string.Join(", ", Intents.All)}");
            else if (Resolve(root, $"interruptions.{intent}", target, stepIds, errors) is { } id) interruptions[intent] = id;
        }

        foreach (var step in steps.Values.Where(s => s.On is not null))
        {
            var missing = Intents.All.Where(i => !step.On!.ContainsKey(i) && !interruptions.ContainsKey(i)).ToList();
            if (missing.Count > 0)
                DialogOf(dialogs, step).Error(errors, $"steps.{StepName(step)}.on",
                    $"does not handle {string.Join(", ", missing)}: add them to \"on\" or to the root's \"interruptions\"");
        }
        foreach (var name in DialogVocabulary.RequiredTemplates.Where(t => !templates.Contains(t)))
            errors.Add(new DialogError(folder, 0, $"[{name}]", "required template missing (the C# side renders it); define it in a .vi file"));
        ReportLoops(dialogs, steps, errors);

        return new DialogSet
        {
            Folder = folder,
            Steps = steps,
            Templates = templates,
            Lexicon = lexicon,
            ProcedureText = procedureText,
            FactCheck = factCheck,
            ButtonSets = buttonSets,
            JoinStep = join ?? "",
            InitialStep = initial ?? "",
            Interruptions = interruptions,
        };
    }

    static DialogStep? CompileStep(LoadedDialog d, string stepName, StepFile file, HashSet<string> stepIds, TemplateSet templates,
        Dictionary<string, IReadOnlyList<string>> buttonSets, List<DialogError> errors)
    {
        var path = $"steps.{stepName}";
        var before = errors.Count;
        var kinds = (file.Do is not null ? 1 : 0) + (file.On is not null ? 1 : 0) + (file.Then is not null ? 1 : 0);
        if (kinds != 1) d.Error(errors, path, "a step has exactly one of \"do\" (with \"outcomes\"), \"on\" (wait for the user) or \"then\"");

        var outcomes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (file.Do is not null)
        {
            if (DialogActions.Find(file.Do)?.Outcomes is not { } known)
                d.Error(errors, $"{path}.do", $"unknown action '{file.Do}'; expected one of {string.Join(", ", DialogActions.All.Select(a => a.Name))}");
            else
            {
                foreach (var (outcome, target) in file.Outcomes ?? [])
                {
                    if (!known.Contains(outcome)) d.Error(errors, $"{path}.outcomes.{outcome}", $"'{file.Do}' has no outcome '{outcome}'; its outcomes are {string.Join(", ", known)}");
                    else if (Resolve(d, $"{path}.outcomes.{outcome}", target, stepIds, errors) is { } id) outcomes[outcome] = id;
                }
                var missing = known.Where(o => file.Outcomes?.ContainsKey(o) != true).ToList();
                if (missing.Count > 0) d.Error(errors, $"{path}.outcomes", $"missing outcome(s) of '{file.Do}': {string.Join(", ", missing)}");
            }
        }
        else if (file.Outcomes is not null) d.Error(errors, $"{path}.outcomes", "\"outcomes\" needs \"do\"");

        Dictionary<string, string>? on = null;
        if (file.On is not null)
        {
            on = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (intent, target) in file.On)
            {
                if (!Intents.All.Contains(intent)) d.Error(errors, $"{path}.on.{intent}", $"unknown intent; expected one of {string.Join(", ", Intents.All)}");
                else if (Resolve(d, $"{path}.on.{intent}", target, stepIds, errors) is { } id) on[intent] = id;
            }
        }
        var then = file.Then is null ? null : Resolve(d, $"{path}.then", file.Then, stepIds, errors);

        var say = file.Say ?? [];
        for (var i = 0; i < say.Count; i++)
            if (!templates.Contains(say[i])) d.Error(errors, $"{path}.say[{i}]", $"unknown template [{say[i]}]");
        if (file.Card is not null && !DialogVocabulary.Cards.Contains(file.Card))
            d.Error(errors, $"{path}.card", $"unknown card '{file.Card}'; expected one of {string.Join(", ", DialogVocabulary.Cards)}");
        var suggest = file.Suggest ?? [];
        for (var i = 0; i < suggest.Count; i++)
            if (!buttonSets.ContainsKey(suggest[i]) && !DialogVocabulary.BuiltInButtonSets.Contains(suggest[i]))
                d.Error(errors, $"{path}.suggest[{i}]", $"unknown button set '{suggest[i]}'");
        DemandOutcome? record = null;
        if (file.Record is not null)
        {
            if (Enum.TryParse<DemandOutcome>(file.Record, ignoreCase: false, out var r) && Enum.IsDefined(r) && !char.IsDigit(file.Record[0])) record = r;
            else d.Error(errors, $"{path}.record", $"unknown demand outcome '{file.Record}'; expected one of {string.Join(", ", Enum.GetNames<DemandOutcome>())}");
        }
        if (errors.Count > before) return null;
        return new DialogStep
        {
            Id = $"{d.Name}.{stepName}",
            Do = file.Do,
            Outcomes = outcomes,
            Say = say,
            Card = file.Card,
            Suggest = suggest,
            Record = record,
            Then = then,
            On = on,
        };
    }

    /// <summary>"listen" (same dialog), "answer.show" (another dialog) or $resume / $rest → a step id.</summary>
    static string? Resolve(LoadedDialog d, string path, string? target, HashSet<string> stepIds, List<DialogError> errors,
        bool required = true, bool allowSpecial = true)
    {
        if (string.IsNullOrWhiteSpace(target))
        {
            if (required) d.Error(errors, path, "a step name is required");
            return null;
        }
        if (target is DialogVocabulary.Resume or DialogVocabulary.Rest)
        {
            if (allowSpecial) return target;
            d.Error(errors, path, $"{target} is not allowed here");
            return null;
        }
        var id = target.Contains('.') ? target : $"{d.Name}.{target}";
        if (stepIds.Contains(id)) return id;
        d.Error(errors, path, $"no step '{target}'{(target.Contains('.') ? "" : $" in dialog '{d.Name}' (write dialog.step for another dialog)")}");
        return null;
    }

    /// <summary>A chain of steps that never waits would spin forever within one turn: report every such loop.</summary>
    static void ReportLoops(List<LoadedDialog> dialogs, Dictionary<string, DialogStep> steps, List<DialogError> errors)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 = on the path, 2 = done
        var reported = new HashSet<string>(StringComparer.Ordinal);
        void Visit(string id, Stack<string> path)
        {
            if (!steps.TryGetValue(id, out var step) || step.On is not null) return;
            if (state.GetValueOrDefault(id) == 2) return;
            if (state.GetValueOrDefault(id) == 1)
            {
                var cycle = path.Reverse().SkipWhile(s => s != id).Append(id).ToList();
                if (reported.Add(id))
                    DialogOf(dialogs, step).Error(errors, $"steps.{StepName(step)}", $"these steps loop without waiting for the user: {string.Join(" → ", cycle)}");
                return;
            }
            state[id] = 1;
            path.Push(id);
            foreach (var next in step.Outcomes.Values.Append(step.Then).OfType<string>())
                Visit(next, path);
            path.Pop();
            state[id] = 2;
        }
        foreach (var id in steps.Keys.Order(StringComparer.Ordinal)) Visit(id, new Stack<string>());
    }

    static LoadedDialog DialogOf(List<LoadedDialog> dialogs, DialogStep step) => dialogs.First(d => step.Id.StartsWith(d.Name + ".", StringComparison.Ordinal));

    static string StepName(DialogStep step) => step.Id[(step.Id.IndexOf('.') + 1)..];

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Name();

    sealed record LoadedDialog(string Name, string FilePath, DialogFile File, JsonLineMap Lines)
    {
        public void Error(List<DialogError> errors, string path, string message) =>
            errors.Add(new DialogError(FilePath, Lines.Line(path), path, message));
    }

    // The file shapes. Unknown members are errors, so a misspelt field ("sya") is reported instead of ignored.
    sealed record DialogFile(
        string? Comment, string? Join, string? Initial, Dictionary<string, string>? Interruptions,
        Dictionary<string, List<ButtonFile?>?>? Buttons, Dictionary<string, StepFile?>? Steps);

    sealed record StepFile(
        string? Comment, string? Do, Dictionary<string, string>? Outcomes, List<string>? Say, string? Card,
        List<string>? Suggest, string? Record, string? Then, Dictionary<string, string>? On);

    sealed record ButtonFile(string? Title);
}
