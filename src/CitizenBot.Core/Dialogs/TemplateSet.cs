using System.Text;
using System.Text.RegularExpressions;

namespace CitizenBot.Core.Dialogs;

/// <summary>
/// Every sentence the bot says, from the dialogs' *.vi files: named templates with several variants each. The variant
/// is chosen by a stable hash of a seed (conversation, turn, template), so a transcript replays word for word.
/// </summary>
public sealed partial class TemplateSet
{
    readonly Dictionary<string, Template> _templates;
    /// <summary>Each template's variants split once at their placeholders (same order as <see cref="Template.Variants"/>).</summary>
    readonly Dictionary<string, Part[][]> _parts;

    public TemplateSet(IEnumerable<Template> templates)
    {
        _templates = templates.ToDictionary(t => t.Name, StringComparer.Ordinal);
        _parts = _templates.Values.ToDictionary(t => t.Name, t => t.Variants.Select(Split).ToArray(), StringComparer.Ordinal);
    }

    /// <summary>Literal text, or (when <paramref name="IsPlaceholder"/>) the name of a value to fill in.</summary>
    readonly record struct Part(string Text, bool IsPlaceholder);

    /// <summary>
    /// A variant as the text between its placeholder matches and the matches themselves, "{{" and "}}" already the
    /// brace they stand for: rendering concatenates them as <see cref="Regex.Replace(string, MatchEvaluator)"/> with
    /// the same expression would, without matching the variant again on every turn.
    /// </summary>
    static Part[] Split(string variant)
    {
        var parts = new List<Part>();
        var at = 0;
        foreach (Match m in Placeholder().Matches(variant))
        {
            if (m.Index > at) parts.Add(new Part(variant[at..m.Index], false));
            parts.Add(m.Value switch
            {
                "{{" => new Part("{", false),
                "}}" => new Part("}", false),
                _ => new Part(m.Groups[1].Value, true),
            });
            at = m.Index + m.Length;
        }
        if (at < variant.Length) parts.Add(new Part(variant[at..], false));
        return [.. parts];
    }

    public IReadOnlyCollection<Template> All => _templates.Values;

    public bool Contains(string name) => _templates.ContainsKey(name);

    public Template Get(string name) =>
        _templates.TryGetValue(name, out var template) ? template : throw new KeyNotFoundException($"No template [{name}] in the dialogs.");

    /// <summary>
    /// Renders one variant of <paramref name="name"/>. Placeholder values come from <paramref name="values"/> as they
    /// must appear in Markdown (user and catalogue text already escaped); an unknown value renders as nothing.
    /// </summary>
    public string Render(string name, Func<string, string?> values, string seed)
    {
        var template = Get(name);
        var parts = _parts[name][(int)(StableHash(seed + "|" + name) % (uint)template.Variants.Count)];
        if (parts is [{ IsPlaceholder: false } only]) return only.Text;
        var text = new StringBuilder();
        foreach (var part in parts) text.Append(part.IsPlaceholder ? values(part.Text) : part.Text);
        return text.ToString();
    }

    /// <summary>FNV-1a over UTF-8: the same everywhere and in every process (string.GetHashCode is not).</summary>
    public static uint StableHash(string text)
    {
        var hash = 2166136261u;
        var most = Encoding.UTF8.GetMaxByteCount(text.Length);
        Span<byte> bytes = most <= 1024 ? stackalloc byte[most] : new byte[most];
        foreach (var b in bytes[..Encoding.UTF8.GetBytes(text, bytes)])
            hash = (hash ^ b) * 16777619u;
        return hash;
    }

    /// <summary>
    /// Reads a .vi file: "[name]" starts a template, "- text" adds a variant (one line; "\n" in it is a line break),
    /// '#' starts a comment. Placeholders are "{name}" and must be known; "{{" and "}}" are literal braces.
    /// </summary>
    public static IReadOnlyList<Template> Parse(string file, IReadOnlySet<string> knownPlaceholders, List<DialogError> errors)
    {
        var templates = new List<Template>();
        string? name = null;
        var nameLine = 0;
        var variants = new List<string>();
        void Close()
        {
            if (name is null) return;
            if (variants.Count == 0) errors.Add(new DialogError(file, nameLine, $"[{name}]", "template has no variants (lines starting with '- ')"));
            else templates.Add(new Template(name, [.. variants], file, nameLine));
        }
        foreach (var (number, line, section) in SectionedText.Read(file))
        {
            if (section is not null)
            {
                Close();
                name = section;
                nameLine = number;
                variants = [];
                if (!TemplateName().IsMatch(name))
                {
                    errors.Add(new DialogError(file, number, line, "a template name is lowercase letters, digits, '.' and '-' in brackets, e.g. [answer.fee]"));
                    name = null;
                }
                continue;
            }
            if (!line.StartsWith("- ") && line != "-")
            {
                errors.Add(new DialogError(file, number, "", "expected \"[template.name]\" or \"- variant text\""));
                continue;
            }
            if (name is null)
            {
                errors.Add(new DialogError(file, number, "", "variant outside a [template]"));
                continue;
            }
            var text = line.Length > 2 ? line[2..].Trim() : "";
            if (text.Length == 0) { errors.Add(new DialogError(file, number, $"[{name}]", "empty variant")); continue; }
            foreach (Match m in Placeholder().Matches(text))
                if (m.Groups[1].Success && !knownPlaceholders.Contains(m.Groups[1].Value))
                    errors.Add(new DialogError(file, number, $"[{name}]", $"unknown placeholder {m.Value}; known: {string.Join(", ", knownPlaceholders.Order())}"));
            var stray = Placeholder().Replace(text, "");
            if (stray.Contains('{') || stray.Contains('}'))
                errors.Add(new DialogError(file, number, $"[{name}]", "unbalanced '{' or '}' (write {{ or }} for a literal brace)"));
            variants.Add(text.Replace("\\n", "\n"));
        }
        Close();
        return templates;
    }

    [GeneratedRegex(@"\{\{|\}\}|\{([a-z0-9]+(?:[.-][a-z0-9]+)*)\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^[a-z0-9]+(?:[.-][a-z0-9]+)*$")]
    private static partial Regex TemplateName();
}

public sealed record Template(string Name, IReadOnlyList<string> Variants, string File, int Line);
