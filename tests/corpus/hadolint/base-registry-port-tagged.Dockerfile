FROM registry.example.com:5000/team/app:1.4.0
USER 10001
