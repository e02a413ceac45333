FROM python:3.12-slim
RUN pip install --no-cache-dir --index-url https://pypi.example.com/simple requests==2.32.3
USER 10001
