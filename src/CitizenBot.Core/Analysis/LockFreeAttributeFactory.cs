using Lucene.Net.Util;

namespace CitizenBot.Core.Analysis;

/// <summary>
/// Creates the same attributes as Lucene's default factory, without its lock: the default factory looks up which
/// class implements an attribute interface under one process-wide lock at every creation, and the index build makes a
/// token stream per document and field (<see cref="RecordedTokens.Replay"/>, <see cref="TermListTokenStream"/>) on
/// every core, which then queued for it (README "Indexing, session 10"). The class is asked of the default factory
/// once per interface.
/// </summary>
public sealed class LockFreeAttributeFactory : AttributeSource.AttributeFactory
{
    public static readonly LockFreeAttributeFactory Instance = new();

    LockFreeAttributeFactory() { }

    public override Lucene.Net.Util.Attribute CreateAttributeInstance<T>() => Implementation<T>.Create();

    static class Implementation<T> where T : IAttribute
    {
        /// <summary>Null for an interface the default factory has no class for: then it is asked each time, and throws as it does.</summary>
        static readonly Type? Type = Find();

        public static Lucene.Net.Util.Attribute Create() =>
            Type is null ? DEFAULT_ATTRIBUTE_FACTORY.CreateAttributeInstance<T>() : (Lucene.Net.Util.Attribute)Activator.CreateInstance(Type)!;

        static Type? Find()
        {
            try
            {
                return DEFAULT_ATTRIBUTE_FACTORY.CreateAttributeInstance<T>().GetType();
            }
            catch (ArgumentException)
            {
                return null;
            }
        }
    }
}
