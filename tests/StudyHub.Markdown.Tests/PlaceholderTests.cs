namespace StudyHub.Markdown.Tests;
