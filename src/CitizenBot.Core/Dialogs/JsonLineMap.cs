using System.Text.Json;

namespace CitizenBot.Core.Dialogs;

/// <summary>
/// Maps JSON paths ("steps.ask.outcomes.none") to 1-based line numbers, so validation errors found after
/// deserializing can still point at the line to fix.
/// </summary>
sealed class JsonLineMap
{
    readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);

    public JsonLineMap(byte[] utf8)
    {
        var newlines = new List<int>();
        for (var i = 0; i < utf8.Length; i++)
            if (utf8[i] == (byte)'\n') newlines.Add(i);
        int LineOf(long offset)
        {
            var index = newlines.BinarySearch((int)offset);
            return (index < 0 ? ~index : index) + 1;
        }

        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var containers = new Stack<(string Path, bool IsArray, int Count)>();
        string? pendingPath = null;
        try
        {
            while (reader.Read())
            {
                var line = LineOf(reader.TokenStartIndex);
                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    var parent = containers.Count > 0 ? containers.Peek().Path : "";
                    pendingPath = parent.Length == 0 ? reader.GetString()! : parent + "." + reader.GetString();
                    _lines.TryAdd(pendingPath, line);
                    continue;
                }
                if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    containers.Pop();
                    pendingPath = null;
                    continue;
                }
                string valuePath;
                if (containers.Count > 0 && containers.Peek().IsArray)
                {
                    var top = containers.Pop();
                    valuePath = $"{top.Path}[{top.Count}]";
                    containers.Push(top with { Count = top.Count + 1 });
                    _lines.TryAdd(valuePath, line);
                }
                else valuePath = pendingPath ?? "";
                if (reader.TokenType == JsonTokenType.StartObject) containers.Push((valuePath, false, 0));
                else if (reader.TokenType == JsonTokenType.StartArray) containers.Push((valuePath, true, 0));
                pendingPath = null;
            }
        }
        catch (JsonException)
        {
            // Syntax errors are reported by the deserializer with their own line; keep what was mapped.
        }
    }

    /// <summary>The line of <paramref name="path"/>, or of its nearest mapped parent; 0 when unknown.</summary>
    public int Line(string path)
    {
        for (var p = path; p.Length > 0; p = Parent(p))
            if (_lines.TryGetValue(p, out var line)) return line;
        return 0;
    }

    static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? "" : path[..cut];
    }
}
