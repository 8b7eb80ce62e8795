using System.Reflection;
using AudioPost.Sdk.Graph;

namespace AudioPost.Sdk.Tests.Architecture;

/// <summary>
/// The core's namespaces form layers with one direction of dependency (docs/architecture.md).
/// This test reads every type's signatures (base types, interfaces, fields, properties, method
/// parameters and returns) and fails on a reference that points up a layer.
/// </summary>
public sealed class LayeringTests
{
    private static readonly (string Namespace, int Layer)[] Layers =
    [
        ("AudioPost.Sdk.Internal", 0),
        ("AudioPost.Sdk.Buffers", 1),
        ("AudioPost.Sdk.Timing", 1),
        ("AudioPost.Sdk.Dsp", 2),
        ("AudioPost.Sdk.Automation", 3),
        ("AudioPost.Sdk.Processing", 4),
        ("AudioPost.Sdk.IO", 4),
        ("AudioPost.Sdk.Formats", 5),
        ("AudioPost.Sdk.Devices", 5),
        ("AudioPost.Sdk.Sources", 6),
        ("AudioPost.Sdk.Sinks", 6),
        ("AudioPost.Sdk.Mastering", 6),
        ("AudioPost.Sdk.Graph", 7),
        ("AudioPost.Sdk.Engine", 8),
        ("AudioPost.Sdk.Timeline", 8),
        ("AudioPost.Sdk.Sessions", 9),
        ("AudioPost.Sdk.Mixing", 8),
    ];

    private static int? LayerOf(Type type)
    {
        var ns = type.Namespace ?? string.Empty;
        foreach (var (prefix, layer) in Layers)
        {
            if (ns == prefix || ns.StartsWith(prefix + ".", StringComparison.Ordinal))
            {
                return layer;
            }
        }

        return null;
    }

    private static IEnumerable<Type> Referenced(Type type)
    {
        const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        if (type.BaseType is { } baseType)
        {
            yield return baseType;
        }

        foreach (var i in type.GetInterfaces())
        {
            yield return i;
        }

        foreach (var field in type.GetFields(All))
        {
            yield return field.FieldType;
        }

        foreach (var property in type.GetProperties(All))
        {
            yield return property.PropertyType;
        }

        foreach (var method in type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All)))
        {
            if (method is MethodInfo info)
            {
                yield return info.ReturnType;
            }

            foreach (var parameter in method.GetParameters())
            {
                yield return parameter.ParameterType;
            }
        }
    }

    private static IEnumerable<Type> Unwrap(Type type)
    {
        if (type.HasElementType)
        {
            foreach (var inner in Unwrap(type.GetElementType()!))
            {
                yield return inner;
            }

            yield break;
        }

        yield return type;
        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments())
            {
                foreach (var inner in Unwrap(argument))
                {
                    yield return inner;
                }
            }
        }
    }

    [Fact]
    public void CoreTypes_ReferenceOnlyTheirOwnOrLowerLayers()
    {
        var violations = new List<string>();
        foreach (var type in typeof(AudioGraphBuilder).Assembly.GetTypes())
        {
            if (LayerOf(type) is not { } layer)
            {
                continue;
            }

            foreach (var referenced in Referenced(type).SelectMany(Unwrap).Distinct())
            {
                if (referenced.Assembly == type.Assembly && LayerOf(referenced) is { } other && other > layer)
                {
                    violations.Add($"{type.FullName} ({type.Namespace}) -> {referenced.FullName}");
                }
            }
        }

        Assert.True(violations.Count == 0, "Upward references:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void CoreTypes_AllLiveInAKnownLayer()
    {
        var unplaced = typeof(AudioGraphBuilder).Assembly.GetTypes()
            .Where(t => t.Namespace is not null && t.Namespace.StartsWith("AudioPost.Sdk", StringComparison.Ordinal) && LayerOf(t) is null
                && !t.Name.StartsWith('<') && t.Namespace != "AudioPost.Sdk")
            .Select(t => t.FullName)
            .ToList();

        Assert.Empty(unplaced);
    }
}
