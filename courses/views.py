"""Public views of what is taught: the searchable glossary and module search."""

from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, render

from .models import GlossaryTerm, ModulePage

MAX_QUERY_LENGTH = 100


def glossary(request):
    """All glossary terms, filtered by a search box that works without JavaScript."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    terms = GlossaryTerm.objects.select_related("competency")
    if query:
        terms = terms.filter(
            Q(term__icontains=query)
            | Q(abbreviation__icontains=query)
            | Q(definition__icontains=query)
        )
    page = Paginator(terms, 100).get_page(request.GET.get("page"))
    return render(request, "courses/glossary.html", {"query": query, "page": page})


def glossary_term(request, slug):
    term = get_object_or_404(
        GlossaryTerm.objects.select_related("competency"), slug=slug
    )
    return render(request, "courses/glossary_term.html", {"term": term})


def search(request):
    """Modules whose title, summary or body match, through Wagtail search."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = []
    if query:
        results = ModulePage.objects.live().public().specific().search(query)
    page = Paginator(results, 20).get_page(request.GET.get("page"))
    return render(request, "courses/search.html", {"query": query, "page": page})
