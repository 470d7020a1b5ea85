"""Response headers that Django does not set itself: the content security policies and
Permissions-Policy."""

from django.conf import settings

from csp.middleware import CSPMiddleware


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The strict policy in CONTENT_SECURITY_POLICY on the public site; Wagtail's admin runs
    inline scripts and styles (wagtail#1288), so it gets ADMIN_CONTENT_SECURITY_POLICY."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and is_admin(request):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts


def is_admin(request):
    return request.path_info.startswith(settings.ADMIN_PATH_PREFIX)


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=()" for feature in settings.PERMISSIONS_POLICY_DISABLED_FEATURES
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.header)
        return response
