from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def login_start(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html")


profile = login_start
