using CitizenBot.Core.Conversations;
using CitizenBot.Core.Demand;
using CitizenBot.Core.Dialogs;
using CitizenBot.Core.Protocol;
using CitizenBot.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CitizenBot.Conversation;

public static class ConversationServices
{
    /// <summary>
    /// The conversation: dialogs (loaded and validated now, so a bad dialog file stops start-up with file, line and
    /// field), conversation state in SQLite ({Storage:DataDirectory}/conversations.db) with its idle sweeper, the
    /// demand recorder (a log-only stand-in unless another is registered) and the bot the channels call.
    /// </summary>
    public static IServiceCollection AddConversation(this IServiceCollection services, IConfiguration configuration)
    {
        var dialogOptions = configuration.GetSection(DialogOptions.Section).Get<DialogOptions>() ?? new DialogOptions();
        services.AddSingleton(DialogSet.Load(dialogOptions.ResolvedPath));

        services.AddOptions<ConversationOptions>()
            .Bind(configuration.GetSection(ConversationOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IConversationStateStore>(sp =>
        {
            var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
            return new SqliteConversationStateStore(Path.Combine(storage.ResolvedDataDirectory, "conversations.db"),
                sp.GetRequiredService<IOptions<ConversationOptions>>().Value.IdleTimeout, sp.GetRequiredService<TimeProvider>());
        });
        services.AddHostedService<ConversationSweeper>();
        services.TryAddSingleton<IDemandRecorder, LoggingDemandRecorder>();

        services.AddSingleton<DialogBot>();
        services.AddSingleton<IBot>(sp => sp.GetRequiredService<DialogBot>());
        services.AddSingleton<IBotErrorRecovery>(sp => sp.GetRequiredService<DialogBot>());
        services.TryAddSingleton<BotAdapter>();
        return services;
    }
}
