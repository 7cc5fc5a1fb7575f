"""The product's URLs: the bench's reference endpoint is not among them."""

import pytest
from django.urls import Resolver404, resolve


@pytest.mark.parametrize("path", ["/bench/reference", "/bench/reference/"])
def test_the_bench_reference_endpoint_is_not_a_product_url(path):
    try:
        match = resolve(path)
    except Resolver404:
        return
    assert match.func.__module__ != "bench.reference"
