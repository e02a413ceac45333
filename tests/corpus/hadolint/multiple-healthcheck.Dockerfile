FROM nginx:1.27
HEALTHCHECK CMD ["curl", "-f", "http://localhost/"]
HEALTHCHECK --interval=30s CMD ["curl", "-f", "http://localhost/health"]
