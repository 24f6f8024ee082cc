using Mono.Cecil;
using Mono.Cecil.Cil;

namespace ClimateWarn.Server.Tests.Architecture;

/// <summary>
/// Which top-level folders (namespaces under a root, "Store" for ClimateWarn.Server.Store.Relational) use which, read from
/// the compiled assembly: base types, members, signatures, attributes and every type, method and field a method body
/// touches. Compiled IL, not source text, so a reference through a partly qualified name is seen too.
/// </summary>
public static class NamespaceGraph
{
    /// <summary>Edges from one slice to another, each with one example "type → type" for the message.</summary>
    public static IReadOnlyDictionary<(string From, string To), string> Edges(string assemblyPath, string root)
    {
        var edges = new Dictionary<(string, string), string>();
        using var module = ModuleDefinition.ReadModule(assemblyPath);
        foreach (var type in module.GetTypes())
        {
            var from = Slice(type, root);
            if (from is null)
            {
                continue;
            }

            foreach (var used in References(type))
            {
                if (Slice(used, root) is { } to && to != from)
                {
                    edges.TryAdd((from, to), $"{type.FullName} → {used.FullName}");
                }
            }
        }

        return edges;
    }

    /// <summary>The cycles among the slices (strongly connected components of more than one slice), each as its slices and example edges.</summary>
    public static IReadOnlyList<string> Cycles(IReadOnlyDictionary<(string From, string To), string> edges)
    {
        ArgumentNullException.ThrowIfNull(edges);
        var nodes = edges.Keys.SelectMany(e => new[] { e.From, e.To }).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var next = nodes.ToDictionary(n => n, n => edges.Keys.Where(e => e.From == n).Select(e => e.To).ToList(), StringComparer.Ordinal);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var cycles = new List<string>();
        var counter = 0;

        void Connect(string v)
        {
            index[v] = low[v] = counter++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in next[v])
            {
                if (!index.TryGetValue(w, out var seen))
                {
                    Connect(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w))
                {
                    low[v] = Math.Min(low[v], seen);
                }
            }

            if (low[v] == index[v])
            {
                var component = new List<string>();
                string w;
                do
                {
                    w = stack.Pop();
                    onStack.Remove(w);
                    component.Add(w);
                }
                while (w != v);
                if (component.Count > 1)
                {
                    var inside = edges.Where(e => component.Contains(e.Key.From) && component.Contains(e.Key.To)).Select(e => $"  {e.Key.From} → {e.Key.To}: {e.Value}");
                    cycles.Add($"{string.Join(" ↔ ", component.Order(StringComparer.Ordinal))}\n{string.Join("\n", inside)}");
                }
            }
        }

        foreach (var n in nodes.Where(n => !index.ContainsKey(n)))
        {
            Connect(n);
        }

        return cycles;
    }

    private static string? Slice(TypeReference type, string root)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        var ns = type.Namespace;
        if (!ns.StartsWith(root + ".", StringComparison.Ordinal))
        {
            return null;
        }

        return ns[(root.Length + 1)..].Split('.')[0];
    }

    private static IEnumerable<TypeReference> References(TypeDefinition type)
    {
        if (type.BaseType is not null)
        {
            foreach (var t in Expand(type.BaseType))
            {
                yield return t;
            }
        }

        foreach (var t in type.Interfaces.SelectMany(i => Expand(i.InterfaceType))
            .Concat(type.CustomAttributes.SelectMany(Attribute))
            .Concat(type.Fields.SelectMany(f => Expand(f.FieldType).Concat(f.CustomAttributes.SelectMany(Attribute))))
            .Concat(type.Properties.SelectMany(p => Expand(p.PropertyType).Concat(p.CustomAttributes.SelectMany(Attribute))))
            .Concat(type.Events.SelectMany(e => Expand(e.EventType)))
            .Concat(type.Methods.SelectMany(Method)))
        {
            yield return t;
        }
    }

    private static IEnumerable<TypeReference> Method(MethodDefinition method)
    {
        foreach (var t in Signature(method).Concat(method.CustomAttributes.SelectMany(Attribute)))
        {
            yield return t;
        }

        if (!method.HasBody)
        {
            yield break;
        }

        foreach (var v in method.Body.Variables)
        {
            foreach (var t in Expand(v.VariableType))
            {
                yield return t;
            }
        }

        foreach (var instruction in method.Body.Instructions)
        {
            var found = instruction.Operand switch
            {
                TypeReference t => Expand(t),
                MethodReference m => Expand(m.DeclaringType).Concat(Signature(m)).Concat(m is GenericInstanceMethod g ? g.GenericArguments.SelectMany(Expand) : []),
                FieldReference f => Expand(f.DeclaringType).Concat(Expand(f.FieldType)),
                _ => [],
            };
            foreach (var t in found)
            {
                yield return t;
            }
        }
    }

    private static IEnumerable<TypeReference> Signature(MethodReference method) =>
        Expand(method.ReturnType).Concat(method.Parameters.SelectMany(p => Expand(p.ParameterType)));

    private static IEnumerable<TypeReference> Attribute(CustomAttribute attribute) =>
        Expand(attribute.AttributeType).Concat(attribute.ConstructorArguments.Where(a => a.Value is TypeReference).SelectMany(a => Expand((TypeReference)a.Value)));

    /// <summary>A type and everything it is built from: element types of arrays and pointers, generic arguments.</summary>
    private static IEnumerable<TypeReference> Expand(TypeReference type)
    {
        switch (type)
        {
            case null:
                yield break;
            case GenericInstanceType generic:
                yield return generic.ElementType;
                foreach (var t in generic.GenericArguments.SelectMany(Expand))
                {
                    yield return t;
                }

                break;
            case TypeSpecification spec:
                foreach (var t in Expand(spec.ElementType))
                {
                    yield return t;
                }

                break;
            case GenericParameter:
                break;
            default:
                yield return type;
                break;
        }
    }
}
