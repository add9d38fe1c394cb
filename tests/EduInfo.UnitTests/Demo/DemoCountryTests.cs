using EduInfo.Domain.Registry;
using EduInfo.Tools.Demo;

namespace EduInfo.UnitTests.Demo;

public sealed class DemoCountryTests
{
    private static readonly DemoCountryOptions Split = DemoCountryOptions.Tiny with { StudentsPerClass = 26, Grades = [3, 7] };

    [Fact]
    public void The_same_seed_gives_the_same_country()
    {
        var a = DemoCountry.Generate(DemoCountryOptions.Tiny);
        var b = DemoCountry.Generate(DemoCountryOptions.Tiny);
        Assert.Equal(a.Students, b.Students);
        Assert.Equal(a.Assignments, b.Assignments);
        Assert.NotEqual(a.Students, DemoCountry.Generate(DemoCountryOptions.Tiny with { Seed = 1 }).Students);
    }

    [Fact]
    public void Twenty_regions_by_their_real_names_each_with_districts()
    {
        var data = DemoCountry.Generate(DemoCountryOptions.Tiny);
        var regions = data.Nodes.Where(n => n.Kind == "region").ToList();
        Assert.Equal(20, regions.Count);
        Assert.Contains(regions, r => r.NameKk == "Ұлытау облысы" && r.NameRu == "Улытауская область");
        Assert.Contains(regions, r => r.NameKk == "Шымкент қаласы");
        Assert.All(regions, r => Assert.True(data.Nodes.Count(n => n.ParentId == r.Id && n.Kind == "district") >= 2));
    }

    [Fact]
    public void Organizations_of_all_four_kinds_attach_to_their_managing_node()
    {
        var data = DemoCountry.Generate(DemoCountryOptions.Small);
        var kindOf = data.Nodes.ToDictionary(n => n.Id, n => n.Kind);
        Assert.Equal(["additional", "college", "preschool", "school"], data.Organizations.Select(o => o.Kind).Distinct().Order());
        Assert.All(data.Organizations.Where(o => o.Kind == "college"), o => Assert.Equal("region", kindOf[o.NodeId]));
        Assert.All(data.Organizations.Where(o => o.Kind == "preschool"), o => Assert.Equal("district", kindOf[o.NodeId]));
        Assert.Contains(data.Organizations, o => kindOf[o.NodeId] == "republic");
        Assert.Contains(data.Organizations, o => o.IsRural);
        Assert.Contains(data.Organizations, o => !o.IsRural);
        Assert.Contains(data.Organizations, o => o.Languages.SequenceEqual(["kk", "ru"]));
    }

    [Fact]
    public void Every_person_has_a_valid_unique_IIN_matching_the_birth_date()
    {
        var data = DemoCountry.Generate(DemoCountryOptions.Small);
        var iins = data.Students.Select(s => s.Iin).Concat(data.Parents.Select(p => p.Iin)).Concat(data.Teachers.Select(t => t.Iin)).ToList();
        Assert.All(iins, iin => Assert.True(Iin.IsValid(iin), iin));
        Assert.Equal(iins.Count, iins.Distinct().Count());
        Assert.All(data.Students, s => Assert.Equal(s.BirthDate.ToString("yyMMdd"), s.Iin[..6]));
        Assert.All(data.Students, s => Assert.Contains(s.Iin[6], "56")); // born in the 2000s
        Assert.Equal(data.Students.Count, data.StudentParents.Select(p => p.StudentId).Distinct().Count());
    }

    [Fact]
    public void Every_subject_of_every_class_has_a_teacher_and_large_classes_split_into_subgroups()
    {
        var data = DemoCountry.Generate(Split);
        var schoolClasses = data.Classes.Where(c => c.Grade is 3 or 7 && data.Organizations.Single(o => o.Id == c.OrganizationId).Kind == "school").ToList();
        foreach (var cls in schoolClasses)
        {
            var roster = data.Enrolments.Where(e => e.ClassId == cls.Id).Select(e => e.StudentId).ToHashSet();
            foreach (var subject in DemoSubjects.ForGrade(cls.Grade))
            {
                var groups = data.TeachingGroups.Where(g => g.ClassId == cls.Id && g.SubjectId == subject).ToList();
                if (cls.Grade >= 5 && DemoSubjects.SplitInSubgroups.Contains(subject))
                {
                    Assert.Equal(2, groups.Count);
                    var members = groups.Select(g => data.GroupMembers.Where(m => m.GroupId == g.Id).Select(m => m.StudentId).ToHashSet()).ToList();
                    Assert.Empty(members[0].Intersect(members[1]));
                    Assert.True(roster.SetEquals(members[0].Union(members[1])), "the subgroups partition the class");
                    Assert.All(groups, g => Assert.Single(data.Assignments, a => a.GroupId == g.Id && a.SubjectId == subject));
                    Assert.DoesNotContain(data.Assignments, a => a.GroupId == cls.Id && a.SubjectId == subject);
                }
                else
                {
                    Assert.Empty(groups);
                    Assert.Single(data.Assignments, a => a.GroupId == cls.Id && a.SubjectId == subject);
                }
            }
        }
    }
}
