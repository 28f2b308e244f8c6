from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from brobygger.alliances.access import alliance_for_user


class PartyCount(APIView):
    @extend_schema(
        tags=["eksempel"],
        responses=inline_serializer("PartyCount", {"alliance": serializers.CharField(), "parties": serializers.IntegerField()}),
    )
    def get(self, request, slug: str) -> Response:
        alliance = alliance_for_user(request.user, slug)
        return Response({"alliance": alliance.slug, "parties": alliance.parties.count()})


party_count = PartyCount.as_view()
