"""Text basics shared by the extractors: sentences and the clause toolkit."""
