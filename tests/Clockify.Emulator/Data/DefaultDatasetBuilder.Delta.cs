using Newtonsoft.Json.Linq;
using static Clockify.Emulator.CatalogShape;

namespace Clockify.Emulator;

internal sealed partial class DefaultDatasetBuilder
{
    /// <summary>Workspace 4: a STANDARD plan the admin key owns, so the plan-gated features split three ways (PRO, STANDARD, FREE).</summary>
    private void BuildDelta()
    {
        var ws = AddWorkspace("Delta Depot", "STANDARD", planInsideSettings: false, Money(6000, "CHF"), Money(3000, "CHF"),
            new WorkspaceShape.LockSettings(JValue.CreateNull(), null, null), roundMinutes: "0", "CHF");
        ws.Workspace["currencies"] = new JArray(
            new JObject { ["id"] = Ids.Make(ws.Number, Ids.Kind.Currency, 1), ["code"] = "CHF", ["isDefault"] = true },
            new JObject { ["id"] = Ids.Make(ws.Number, Ids.Kind.Currency, 2), ["code"] = "EUR", ["isDefault"] = false });
        ws.Clients.Add(Client(Id(ws, Ids.Kind.Client, 0), ws, "Delta Freight", false, "Bahnhofstrasse 1, Zurich", "billing@deltafreight.example"));
        ws.Tags.Add(Tag(Id(ws, Ids.Kind.Tag, 0), ws, "Logistics", false));
        AddProjects(ws,
            new("Delta Routing", ClientId(ws, 0), true, 9000, null, "#607D8B", "PT0S", Estimate.None, Users(Person.Ada, Person.Wanda, Person.Tess)),
            new("Delta Archive", null, false, null, null, "#9E9E9E", "PT0S", Estimate.None, [], Archived: true));
        Seat[] seats =
        [
            new(Person.Ada, "ACTIVE", 8000, null, Roles.Owner),
            new(Person.Wanda, "ACTIVE", 7000),
            new(Person.Tess, "ACTIVE", null),
            new(Person.Nils, "PENDING", null),
        ];
        // All four are Acme's people too, whose home workspace stays Acme: a user's fields are the same in every workspace.
        AddUsers(ws, seats, _ => dataset.Workspaces[0].Id, _ => new JArray());
    }
}
