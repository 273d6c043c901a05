from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def _todo(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html")


find_hub = hub_list = institution_list = person_list = _todo
