using CitizenBot.Core.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace CitizenBot.Core.Tests.Analysis;

public sealed class LockFreeAttributeFactoryTests
{
    static readonly AttributeSource.AttributeFactory Default = AttributeSource.AttributeFactory.DEFAULT_ATTRIBUTE_FACTORY;

    [Fact]
    public void Creates_a_new_attribute_of_the_default_factorys_class_each_time()
    {
        AssertSame<ICharTermAttribute>();
        AssertSame<IOffsetAttribute>();
        AssertSame<IPositionIncrementAttribute>();
        AssertSame<IPositionLengthAttribute>();
        AssertSame<ITypeAttribute>();
    }

    [Fact]
    public void An_interface_without_a_class_of_its_own_fails_as_with_the_default_factory()
    {
        // ITermToBytesRefAttribute is implemented by the term attribute, never created alone.
        Assert.Throws<ArgumentException>(() => Default.CreateAttributeInstance<ITermToBytesRefAttribute>());
        Assert.Throws<ArgumentException>(() => LockFreeAttributeFactory.Instance.CreateAttributeInstance<ITermToBytesRefAttribute>());
    }

    static void AssertSame<T>() where T : IAttribute
    {
        var first = LockFreeAttributeFactory.Instance.CreateAttributeInstance<T>();
        Assert.IsType(Default.CreateAttributeInstance<T>().GetType(), first);
        Assert.IsAssignableFrom<T>(first);
        Assert.NotSame(first, LockFreeAttributeFactory.Instance.CreateAttributeInstance<T>());
    }

    [Fact]
    public void Creates_attributes_on_every_thread_at_once()
    {
        var types = new System.Collections.Concurrent.ConcurrentBag<Type>();
        Parallel.For(0, 10_000, _ => types.Add(LockFreeAttributeFactory.Instance.CreateAttributeInstance<ICharTermAttribute>().GetType()));
        Assert.Equal(10_000, types.Count);
        Assert.Single(types.Distinct());
    }
}
