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
    /// field), the idle sweeper of conversation state (whose store <c>AddStorage</c> chose) and the bot the channels
    /// call; the bot records demand through the demand log (<c>AddDemandLog</c>).
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
        services.AddHostedService<ConversationSweeper>();

        services.AddSingleton<DialogBot>();
        services.AddSingleton<IBot>(sp => sp.GetRequiredService<DialogBot>());
        services.AddSingleton<IBotErrorRecovery>(sp => sp.GetRequiredService<DialogBot>());
        services.TryAddSingleton<BotAdapter>();
        return services;
    }
}
