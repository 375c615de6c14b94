from lanhmanh.text import fold


class FoldedSearchMixin:
    """Admin search on the folded column: "ha noi" finds "Hà Nội" on every database."""

    folded_search_field = "name_search"

    def get_search_results(self, request, queryset, search_term):
        folded = fold(search_term or "")
        if not folded:
            return queryset, False
        return queryset.filter(**{f"{self.folded_search_field}__contains": folded}), False
