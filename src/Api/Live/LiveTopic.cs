namespace EduInfo.Api.Live;

/// <summary>What a live entry watches: a node's summary or a student's figures (their diary).</summary>
public enum LiveTopic
{
    Node,
    Student,
}
