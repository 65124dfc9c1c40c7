using System.ComponentModel.DataAnnotations;

namespace CitizenBot.Conversation;

/// <summary>Where the dialogs come from. Section "Dialogs".</summary>
public sealed class DialogOptions
{
    public const string Section = "Dialogs";

    /// <summary>The dialogs folder. Default: the nearest dialogs/ above the working directory or the executable.</summary>
    public string? Path { get; set; }

    public string ResolvedPath => Path is { Length: > 0 } p ? System.IO.Path.GetFullPath(p) : DefaultPath();

    static string DefaultPath()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "dialogs", "main", "main.dialog.json")))
                    return System.IO.Path.Combine(dir.FullName, "dialogs");
        return System.IO.Path.GetFullPath("dialogs");
    }
}

/// <summary>How long conversation state lives. Section "Conversation".</summary>
public sealed class ConversationOptions
{
    public const string Section = "Conversation";

    /// <summary>State untouched this long is forgotten (default 30 minutes).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00", ErrorMessage = "Conversation:IdleTimeout must be between 1 second and 30 days.")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How often expired state is deleted (default 5 minutes).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Conversation:SweepInterval must be between 1 second and 1 day.")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(5);
}
