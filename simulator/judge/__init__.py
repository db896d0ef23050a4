"""The LLM judge: rubrics, prompts, strict parsing, caching."""
